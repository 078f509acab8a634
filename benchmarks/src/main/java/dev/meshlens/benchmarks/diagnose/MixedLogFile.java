package dev.meshlens.benchmarks.diagnose;

import dev.meshlens.benchmarks.corpus.BookinfoTraffic;
import dev.meshlens.benchmarks.corpus.CriLine;
import dev.meshlens.benchmarks.corpus.FluentBitRecord;
import dev.meshlens.benchmarks.corpus.IstioJsonLine;
import dev.meshlens.benchmarks.corpus.IstioTextLine;
import dev.meshlens.benchmarks.corpus.Request;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes the input of {@code benchmarks/run-diagnose}: Bookinfo traffic as a node's logs mix it, one line in
 * each of four shapes by turns of a seeded dice (Istio text 40 %, CRI-wrapped text 25 %, Istio JSON 20 %,
 * Fluent Bit records 15 %), until the file reaches the size asked. The same arguments give the same bytes.
 *
 * <pre>java -cp benchmarks.jar dev.meshlens.benchmarks.diagnose.MixedLogFile FILE BYTES [SEED]</pre>
 */
public final class MixedLogFile {
    private static final long DEFAULT_SEED = 20_261_124L;

    private record Shape(int percent, Function<Request, String> renderer) {
    }

    private static final Shape[] SHAPES = {
        new Shape(40, IstioTextLine::render),
        new Shape(25, CriLine::render),
        new Shape(20, IstioJsonLine::render),
        new Shape(15, FluentBitRecord::render),
    };

    private MixedLogFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: MixedLogFile FILE BYTES [SEED]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        long lines = write(file, Long.parseLong(args[1]), seed);
        System.out.printf("%s: %d lines, %d bytes%n", file, lines, Files.size(file));
    }

    /**
     * Writes at least {@code bytes} bytes of whole lines to {@code file}, through a temporary file renamed at
     * the end so that an interrupted run never leaves a short file under the final name. Returns the lines.
     */
    static long write(Path file, long bytes, long seed) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Supplier<Request> traffic = BookinfoTraffic.endless(seed);
        Random dice = new Random(seed);
        long written = 0;
        long lines = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            while (written < bytes) {
                byte[] line = shape(dice.nextInt(100)).renderer.apply(traffic.get()).getBytes(StandardCharsets.UTF_8);
                out.write(line);
                out.write('\n');
                written += line.length + 1;
                lines++;
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return lines;
    }

    private static Shape shape(int ticket) {
        for (Shape shape : SHAPES) {
            ticket -= shape.percent;
            if (ticket < 0) {
                return shape;
            }
        }
        throw new AssertionError("the shares add up to 100");
    }
}
