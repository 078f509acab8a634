package dev.meshlens.app;

import dev.meshlens.app.cli.DiagnoseCommand;
import dev.meshlens.app.cli.ParseCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meshlens} command. */
@Command(name = "meshlens", mixinStandardHelpOptions = true, version = "meshlens 0.1.0",
        description = "Turns Istio/Envoy access logs into which service fails, why, and since when.",
        subcommands = {ParseCommand.class, DiagnoseCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
