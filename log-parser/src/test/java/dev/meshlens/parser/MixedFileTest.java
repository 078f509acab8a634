package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.io.LineReader;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.ValidLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file of every detected format in every envelope, shuffled with garbage, empty and overlong lines, read the
 * way {@code meshlens parse} reads it: every line is accounted for exactly once, parsed lines are the valid
 * ones, and parsed + rejected == lines read == lines written.
 */
class MixedFileTest {
    private static final int MAX_LINE = 64 * 1024;
    private static final int LINES = 6_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyLineIsCountedOnce(boolean mapped) throws IOException {
        long seed = Seeds.of("MixedFile", String.valueOf(mapped));
        Random random = new Random(seed);
        List<GeneratedFormat> detected = GeneratedFormat.all().stream().filter(GeneratedFormat::detected).toList();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int valid = 0;
        for (int i = 0; i < LINES; i++) {
            byte[] line = switch (random.nextInt(10)) {
                case 0 -> garbage(random);
                case 1 -> new byte[0];
                case 2 -> random.nextInt(20) == 0 ? new byte[MAX_LINE + 1 + random.nextInt(MAX_LINE)] : garbage(random);
                default -> {
                    valid++;
                    yield ValidLines.any(random, detected.get(random.nextInt(detected.size()))).bytes();
                }
            };
            file.write(line, 0, line.length);
            // The last line may lack its newline, unless it is empty: then there would be no line at all.
            if (i < LINES - 1 || line.length == 0 || random.nextBoolean()) {
                file.write(random.nextInt(5) == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
            }
        }
        Path path = dir.resolve("mixed.log");
        Files.write(path, file.toByteArray());

        Map<ParseStatus, Long> outcomes = new EnumMap<>(ParseStatus.class);
        long[] overlong = {0};
        AccessLogParser parser = AccessLogParser.forFormat("auto", MAX_LINE);
        AccessEvent event = new AccessEvent();
        long read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (LineReader reader = mapped ? LineReader.mapped(path, MAX_LINE)
                    : LineReader.stream(Files.newInputStream(path), MAX_LINE)) {
                return reader.forEachLine(new LineReader.Handler() {
                    @Override
                    public void line(byte[] buffer, int offset, int length, long lineNumber) {
                        outcomes.merge(Fuzz.parse(parser, java.util.Arrays.copyOfRange(buffer, offset, offset + length),
                                event, random), 1L, Long::sum);
                    }

                    @Override
                    public void overlongLine(long lineNumber, long length) {
                        overlong[0]++;
                    }
                });
            }
        });
        long parsed = outcomes.getOrDefault(ParseStatus.OK, 0L) + outcomes.getOrDefault(ParseStatus.PARTIAL, 0L);
        long rejected = outcomes.entrySet().stream().filter(e -> !e.getKey().hasEvent())
                .mapToLong(Map.Entry::getValue).sum() + overlong[0];
        String context = outcomes + ", overlong " + overlong[0] + " (" + Seeds.howToRepeat(seed) + ")";
        assertEquals(LINES, read, context);
        assertEquals(read, parsed + rejected, context);
        assertEquals(valid, outcomes.getOrDefault(ParseStatus.OK, 0L), context);
        assertEquals(LINES - valid, rejected, context);
    }

    /** Bytes that are no access line and hold no newline. */
    private static byte[] garbage(Random random) {
        byte[] line = new byte[1 + random.nextInt(500)];
        random.nextBytes(line);
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n') {
                line[i] = '?';
            }
        }
        return line;
    }
}
