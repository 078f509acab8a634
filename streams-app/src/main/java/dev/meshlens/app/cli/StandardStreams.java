package dev.meshlens.app.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a command reads and writes, passed in so it can run in-process with captured output. */
public record StandardStreams(InputStream in, PrintStream out, PrintStream err) {
    public static StandardStreams system() {
        return new StandardStreams(System.in, System.out, System.err);
    }
}
