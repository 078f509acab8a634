package dev.meshlens.app.cli;

import dev.meshlens.parser.AccessLogParser;
import picocli.CommandLine.Option;

/** How log files are read: the options {@code parse} and {@code diagnose} share. */
final class InputOptions {
    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto | envoy | istio | istio-mixer | json | a preset (istio-1.1 ... istio-1.9, "
                    + "envoy-details) | an Envoy format string. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--max-line-length", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longer lines are rejected. Default: ${DEFAULT-VALUE}.")
    int maxLineLength;

    /** @throws IllegalArgumentException when the format string does not compile */
    AccessLogParser parser() {
        return AccessLogParser.forFormat(format, maxLineLength);
    }
}
