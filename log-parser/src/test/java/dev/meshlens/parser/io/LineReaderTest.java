package dev.meshlens.parser.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LineReader} over a mapped file, a stream, and a stream that hands out a few bytes at a time: every
 * line comes out once, in order, with its number; a line over the maximum is reported with its length.
 */
class LineReaderTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    enum Source { MAPPED, STREAM, TRICKLE }

    /** What the handler saw: a line (its length and checksum) or an overlong line (its length). */
    record Seen(boolean overlong, long number, long length, long checksum) {
        static Seen line(long number, byte[] b, int off, int len) {
            CRC32 crc = new CRC32();
            crc.update(b, off, len);
            return new Seen(false, number, len, crc.getValue());
        }
    }

    private List<Seen> read(Source source, byte[] content, int maxLineLength) throws IOException {
        Path file = dir.resolve("input-" + System.nanoTime() + ".log");
        Files.write(file, content);
        List<Seen> seen = new ArrayList<>();
        LineReader.Handler handler = new LineReader.Handler() {
            @Override
            public void line(byte[] buffer, int offset, int length, long lineNumber) {
                seen.add(Seen.line(lineNumber, buffer, offset, length));
            }

            @Override
            public void overlongLine(long lineNumber, long length) {
                seen.add(new Seen(true, lineNumber, length, 0));
            }
        };
        // Chronicle's mapping belongs to the thread that opened it: open, read and close on the timed one.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (LineReader reader = open(source, file, maxLineLength)) {
                long lines = reader.forEachLine(handler);
                assertEquals(seen.size(), lines, "forEachLine counts every line it handed out");
                assertEquals(content.length, reader.bytesRead());
            }
        });
        return seen;
    }

    private static LineReader open(Source source, Path file, int maxLineLength) throws IOException {
        return switch (source) {
            case MAPPED -> LineReader.mapped(file, maxLineLength);
            case STREAM -> LineReader.stream(Files.newInputStream(file), maxLineLength);
            case TRICKLE -> LineReader.stream(new Trickle(Files.newInputStream(file), new Random(file.hashCode())),
                    maxLineLength);
        };
    }

    /** Hands out at most a few bytes per read, as a pipe or a socket may. */
    private static final class Trickle extends FilterInputStream {
        private final Random random;

        Trickle(InputStream in, Random random) {
            super(in);
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int most = random.nextBoolean() ? 1 + random.nextInt(7) : 1 + random.nextInt(1 << 16);
            return super.read(b, off, Math.min(len, most));
        }
    }

    /** The lines as the test wrote them, split on {@code \n} only, and what the reader must report for each. */
    private static List<Seen> expected(byte[] content, int maxLineLength) {
        List<Seen> expected = new ArrayList<>();
        int start = 0;
        long number = 0;
        for (int i = 0; i <= content.length; i++) {
            boolean lastWithoutNewline = i == content.length && start < content.length;
            if ((i < content.length && content[i] == '\n') || lastWithoutNewline) {
                number++;
                int length = i - start;
                expected.add(length > maxLineLength ? new Seen(true, number, length, 0)
                        : Seen.line(number, content, start, length));
                start = i + 1;
            }
        }
        return expected;
    }

    static Stream<Arguments> smallInputs() {
        return Stream.of(Source.values()).flatMap(source -> Stream.of(
                "a\nbc\ndef\n", "a\nbc\ndef", "\n", "\n\n\n", "a\n\n\nb\n\n", "crlf\r\nends\r\n", "lone\rcarriage\n",
                "no newline at all", "x").map(text -> Arguments.of(source, text)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("smallInputs")
    void endingsEmptyLinesAndCarriageReturns(Source source, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        // Lines split on \n alone: a CRLF line keeps its \r, which the parser trims.
        assertEquals(expected(content, 100), read(source, content, 100));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void anEmptyFileHasNoLine(Source source) throws IOException {
        assertEquals(List.of(), read(source, new byte[0], 100));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void linesOverTheMaximumAreReportedWithTheirLengthAndSkipped(Source source) throws IOException {
        int max = 10;
        String text = "short\n" + "x".repeat(max + 1) + "\n" + "y".repeat(max) + "\n\n" + "z".repeat(5 * MIB) + "\nend\n"
                + "w".repeat(max + 2);
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        List<Seen> seen = read(source, content, max);
        assertEquals(expected(content, max), seen);
        assertEquals(List.of(2L, 5L, 7L), seen.stream().filter(Seen::overlong).map(Seen::number).toList());
        assertEquals(new Seen(true, 5, 5 * MIB, 0), seen.get(4));
    }

    static Stream<Arguments> boundaryShifts() {
        return Stream.of(Source.values()).flatMap(source -> Stream.of(-2, -1, 0, 1, 2, 3)
                .map(shift -> Arguments.of(source, shift)));
    }

    /**
     * A file over 2 MiB whose lines end on, just before and just after the 2 MiB mark (the reader's buffer holds
     * a maximal line and a read block), with a line of exactly the maximum across a block edge, one byte over
     * it, and one longer than the whole buffer.
     */
    @ParameterizedTest(name = "{0}, shift {1}")
    @MethodSource("boundaryShifts")
    void linesAroundTheBufferBoundaryOfAFileOverTwoMebibytes(Source source, int shift) throws IOException {
        int max = MIB;
        Random random = new Random(31L * shift + source.ordinal());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, max - 10, random);
        line(out, max - 10, random);
        line(out, 2 * MIB - out.size() - 1 + shift, random);
        line(out, 0, random);
        line(out, max, random);
        line(out, max + 1, random);
        for (int i = 0; i < 50; i++) {
            line(out, random.nextInt(3000), random);
        }
        line(out, 3 * MIB, random);
        out.write("last line without a newline".getBytes(StandardCharsets.US_ASCII));
        byte[] content = out.toByteArray();
        List<Seen> seen = read(source, content, max);
        assertEquals(expected(content, max), seen);
        assertEquals(2, seen.stream().filter(Seen::overlong).count());
    }

    private static void line(ByteArrayOutputStream out, int length, Random random) {
        byte[] line = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            line[i] = (byte) (' ' + random.nextInt(95));
        }
        line[length] = '\n';
        out.write(line, 0, line.length);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void bytesOtherThanNewlineArePassedThroughUntouched(Source source) throws IOException {
        byte[] content = new byte[70_000];
        new Random(7).nextBytes(content);
        byte[] withoutNewlines = content.clone();
        for (int i = 0; i < withoutNewlines.length; i++) {
            if (withoutNewlines[i] == '\n') {
                withoutNewlines[i] = 0;
            }
        }
        assertEquals(expected(content, 1000), read(source, content, 1000));
        List<Seen> single = read(source, withoutNewlines, withoutNewlines.length);
        assertEquals(List.of(Seen.line(1, withoutNewlines, 0, withoutNewlines.length)), single);
    }
}
