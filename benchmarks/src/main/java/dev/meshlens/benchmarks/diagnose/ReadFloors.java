package dev.meshlens.benchmarks.diagnose;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.io.LineReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What {@code meshlens diagnose} cannot beat on one thread, measured on its own input in the same run: a plain
 * newline count over a memory mapping, MeshLens's {@link LineReader} handing out every line, and the reader
 * with {@link AccessLogParser} decoding every line (the parser's share of diagnose). One line per floor:
 * {@code floor NAME WALL_SECONDS CPU_SECONDS LINES}, each the pass of least CPU time of {@code ROUNDS} (the
 * first warms the JIT). CPU time is the thread's own: on a shared machine it is steadier than wall time.
 */
public final class ReadFloors {
    private static final int ROUNDS = 2;
    private static final long SEGMENT = 1L << 30;

    private ReadFloors() {
    }

    private interface Pass {
        long run(Path file) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        measure("mmap-newline-scan", file, ReadFloors::countNewlines);
        measure("line-reader", file, ReadFloors::readLines);
        measure("line-reader+parser", file, ReadFloors::parseLines);
    }

    private static void measure(String name, Path file, Pass pass) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bestCpu = Long.MAX_VALUE;
        long wallOfBest = 0;
        long lines = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            lines = pass.run(file);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            if (cpu < bestCpu) {
                bestCpu = cpu;
                wallOfBest = System.nanoTime() - wall;
            }
        }
        System.out.printf(Locale.ROOT, "floor %s %.3f %.3f %d%n", name, wallOfBest / 1e9, bestCpu / 1e9, lines);
    }

    static long countNewlines(Path file) throws IOException {
        long lines = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long at = 0; at < size; at += SEGMENT) {
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(SEGMENT, size - at));
                for (int i = 0, n = map.limit(); i < n; i++) {
                    if (map.get(i) == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static long readLines(Path file) throws IOException {
        return eachLine(file, (buffer, offset, length) -> {
        });
    }

    /** Lines the parser turned into an event; the count keeps the JIT from dropping the work. */
    private static long parseLines(Path file) throws IOException {
        AccessLogParser parser = AccessLogParser.auto();
        AccessEvent event = new AccessEvent();
        long[] decoded = {0};
        eachLine(file, (buffer, offset, length) -> {
            if (parser.parse(buffer, offset, length, event).hasEvent()) {
                decoded[0]++;
            }
        });
        return decoded[0];
    }

    private interface LineBody {
        void line(byte[] buffer, int offset, int length);
    }

    private static long eachLine(Path file, LineBody body) throws IOException {
        try (LineReader reader = LineReader.mapped(file, AccessLogParser.DEFAULT_MAX_LINE_LENGTH)) {
            return reader.forEachLine(new LineReader.Handler() {
                @Override
                public void line(byte[] buffer, int offset, int length, long lineNumber) {
                    body.line(buffer, offset, length);
                }

                @Override
                public void overlongLine(long lineNumber, long length) {
                }
            });
        }
    }
}
