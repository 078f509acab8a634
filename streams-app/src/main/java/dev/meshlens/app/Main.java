package dev.meshlens.app;

import dev.meshlens.app.cli.DemoCommand;
import dev.meshlens.app.cli.DiagnoseCommand;
import dev.meshlens.app.cli.ParseCommand;
import dev.meshlens.app.cli.ReplayCommand;
import dev.meshlens.app.cli.RunCommand;
import dev.meshlens.app.cli.StandardStreams;
import dev.meshlens.app.cli.TopicsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meshlens} command. */
@Command(name = "meshlens", mixinStandardHelpOptions = true, version = "meshlens 0.1.0",
        description = "Turns Istio/Envoy access logs into which service fails, why, and since when.")
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine(StandardStreams.system()).execute(args));
    }

    /** Every subcommand, and picocli's own usage and error messages, read and write {@code streams}. */
    public static CommandLine commandLine(StandardStreams streams) {
        // setOut/setErr reach only the subcommands already added, so they come last.
        return new CommandLine(new Main())
                .addSubcommand(new ParseCommand(streams))
                .addSubcommand(new DiagnoseCommand())
                .addSubcommand(new RunCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new ReplayCommand())
                .addSubcommand(new TopicsCommand())
                .setOut(new PrintWriter(streams.out(), true))
                .setErr(new PrintWriter(streams.err(), true));
    }
}
