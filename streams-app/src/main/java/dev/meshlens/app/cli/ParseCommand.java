package dev.meshlens.app.cli;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.io.LineReader;
import dev.meshlens.parser.json.AccessEventJson;
import dev.meshlens.parser.json.JsonOutput;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlens parse}: one JSON object per access line on stdout, one line per rejected input on stderr. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Decodes access-log lines (any format, any envelope) into JSON, one object per line.",
            "Rejected lines go to stderr as FILE:LINE: reason; a summary ends the run."})
public final class ParseCommand implements Callable<Integer> {
    private static final String STDIN = "-";

    private final StandardStreams streams;

    @Mixin
    InputOptions input;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to read; - reads standard input.")
    List<String> files;

    public ParseCommand(StandardStreams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        AccessLogParser parser;
        try {
            parser = input.parser();
        } catch (IllegalArgumentException e) {
            streams.err().println("meshlens parse: bad --format: " + e.getMessage());
            return 2;
        }
        Counts counts = new Counts();
        // Standard output outlives this command: flushed, never closed.
        OutputStream out = new BufferedOutputStream(streams.out(), 1 << 16);
        try {
            for (String file : files) {
                read(file, parser, out, counts);
            }
        } finally {
            out.flush();
        }
        streams.err().printf("meshlens parse: %d lines, %d parsed (%d partial), %d rejected%n",
                counts.lines, counts.parsed, counts.partial, counts.rejected);
        return counts.unreadableFiles == 0 ? 0 : 1;
    }

    private void read(String file, AccessLogParser parser, OutputStream out, Counts counts) {
        PrintStream err = streams.err();
        try (LineReader reader = file.equals(STDIN) ? LineReader.stream(new KeptOpen(streams.in()), input.maxLineLength)
                : LineReader.mapped(Path.of(file), input.maxLineLength)) {
            reader.forEachLine(new Writer(file, parser, out, err, counts));
        } catch (IOException | RuntimeException e) {
            err.println(file + ": cannot read: " + describe(e));
            counts.unreadableFiles++;
        }
    }

    /** NIO's message for a missing file is the bare file name, which the report already starts with. */
    private static String describe(Exception e) {
        return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    }

    /** Standard input belongs to the process, not to one reader: {@code -} given twice must not find it closed. */
    private static final class KeptOpen extends FilterInputStream {
        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    private static final class Counts {
        long lines;
        long parsed;
        long partial;
        long rejected;
        int unreadableFiles;
    }

    private static final class Writer implements LineReader.Handler {
        private final String file;
        private final AccessLogParser parser;
        private final OutputStream out;
        private final PrintStream err;
        private final Counts counts;
        private final AccessEvent event = new AccessEvent();
        private final AccessEventJson json = new AccessEventJson();
        private final JsonOutput buffer = new JsonOutput();

        Writer(String file, AccessLogParser parser, OutputStream out, PrintStream err, Counts counts) {
            this.file = file;
            this.parser = parser;
            this.out = out;
            this.err = err;
            this.counts = counts;
        }

        @Override
        public void line(byte[] bytes, int offset, int length, long lineNumber) {
            counts.lines++;
            ParseStatus status = parser.parse(bytes, offset, length, event);
            if (!status.hasEvent()) {
                reject(lineNumber, status.reason() + " at byte " + event.errorOffset()
                        + (event.errorField() == null ? "" : " (" + event.errorField().jsonName() + ")"));
                return;
            }
            counts.parsed++;
            if (status == ParseStatus.PARTIAL) {
                counts.partial++;
            }
            json.write(event, lineNumber, buffer.reset());
            buffer.put((byte) '\n');
            try {
                buffer.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void overlongLine(long lineNumber, long length) {
            counts.lines++;
            reject(lineNumber, ParseStatus.TOO_LONG.reason() + " (" + length + " bytes)");
        }

        private void reject(long lineNumber, String reason) {
            counts.rejected++;
            err.println(file + ":" + lineNumber + ": " + reason);
        }
    }
}
