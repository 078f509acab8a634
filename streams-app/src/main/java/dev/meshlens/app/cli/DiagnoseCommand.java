package dev.meshlens.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.meshlens.app.Durations;
import dev.meshlens.app.diagnose.Report;
import dev.meshlens.app.diagnose.ReportBuilder;
import dev.meshlens.app.diagnose.TableRenderer;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.io.LineReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlens diagnose}: which service fails, why, how often, and what to check, from log files. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Reports which services fail, why, and what to check, from access-log files.",
            "One pass over any format and envelope the parser reads; per service and direction: requests,",
            "errors and each failure cause with its hint, by impact."})
public final class DiagnoseCommand implements Callable<Integer> {
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Also print the per-window timeline of the top causes (e.g. 30s, 1m, 5m, 1h).")
    String window;

    @Option(names = "--json", description = "Print the report as JSON (schemas/diagnose-report.schema.json).")
    boolean json;

    @Mixin
    InputOptions input;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "A cause rule table replacing the built-in one (same shape as causes.json).")
    Path rulesFile;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to read; - reads standard input.")
    List<String> files;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        long windowMillis;
        AccessLogParser parser;
        CauseRules rules;
        try {
            windowMillis = window == null ? 0 : parseDuration(window);
            parser = input.parser();
            rules = rulesFile == null ? CauseRules.builtIn() : CauseRules.fromFile(rulesFile);
        } catch (IllegalArgumentException | IOException e) {
            err.println("meshlens diagnose: " + e.getMessage());
            return 2;
        }
        ReportBuilder builder = new ReportBuilder(parser, rules, windowMillis);
        int unreadable = 0;
        for (String file : files) {
            try {
                read(file, builder, err);
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                unreadable++;
            }
        }
        Report report = builder.build();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT);
            System.out.println(mapper.writeValueAsString(report));
        } else {
            TableRenderer.render(report, System.out);
        }
        return unreadable == 0 ? 0 : 1;
    }

    private void read(String file, ReportBuilder builder, PrintStream err) throws IOException {
        boolean stdin = file.equals("-");
        long size = stdin ? -1 : Files.size(Path.of(file));
        try (LineReader reader = stdin ? LineReader.stream(System.in, input.maxLineLength)
                : LineReader.mapped(Path.of(file), input.maxLineLength)) {
            Progress progress = new Progress(file, size, reader, builder, err);
            LineReader.Handler target = builder.forFile(file);
            reader.forEachLine(new LineReader.Handler() {
                @Override
                public void line(byte[] buffer, int offset, int length, long lineNumber) {
                    target.line(buffer, offset, length, lineNumber);
                    if ((lineNumber & 0xFFFF) == 0) {
                        progress.maybeReport();
                    }
                }

                @Override
                public void overlongLine(long lineNumber, long length) {
                    target.overlongLine(lineNumber, length);
                }
            });
            progress.finish();
        }
    }

    /** Progress on stderr for runs long enough to need it (every two seconds after the first two). */
    private static final class Progress {
        private final String file;
        private final long size;
        private final LineReader reader;
        private final ReportBuilder builder;
        private final PrintStream err;
        private final long started = System.nanoTime();
        private long lastReport = started;
        private boolean reported;

        Progress(String file, long size, LineReader reader, ReportBuilder builder, PrintStream err) {
            this.file = file;
            this.size = size;
            this.reader = reader;
            this.builder = builder;
            this.err = err;
        }

        void maybeReport() {
            long now = System.nanoTime();
            if (now - lastReport < PROGRESS_EVERY_NANOS) {
                return;
            }
            lastReport = now;
            reported = true;
            double seconds = (now - started) / 1e9;
            double mb = reader.bytesRead() / 1e6;
            String of = size > 0 ? String.format(Locale.ROOT, " of %.0f MB (%.0f%%)", size / 1e6,
                    100.0 * reader.bytesRead() / size) : "";
            err.printf(Locale.ROOT, "%s: %.0f MB%s, %d lines, %.0f MB/s%n", file, mb, of, builder.lines(), mb / seconds);
        }

        void finish() {
            if (reported) {
                double seconds = (System.nanoTime() - started) / 1e9;
                err.printf(Locale.ROOT, "%s: done, %.0f MB in %.1f s%n", file, reader.bytesRead() / 1e6, seconds);
            }
        }
    }

    static long parseDuration(String text) {
        long millis;
        try {
            millis = Durations.parse(text).toMillis();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--window: " + e.getMessage(), e);
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("--window must be longer than zero: " + text);
        }
        return millis;
    }
}
