package dev.meshlens.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's {@code -rf json} output of the parser benchmarks into one Markdown table: lines/s, MB/s, bytes
 * allocated per line, and each result as a ratio of the peer and of the byte-scan floor measured on the same
 * input in the same run. Then MeshLens against its targets.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.meshlens.benchmarks.Summary jmh-result.json}
 */
public final class Summary {
    private static final String FLOOR = "byteScanFloor";
    private static final String MESHLENS = "meshlens";
    /** Any allocation made per line is an object, at least 16 bytes: less, averaged, is JMH's per-iteration own. */
    private static final double SMALLEST_OBJECT = 16;
    private static final double PEER_TARGET = 10;
    private static final double FLOOR_TARGET = 0.5;

    private record Result(String method, double linesPerSecond, double error, double bytesPerLine) {
    }

    private record Input(ParserBenchmark benchmark, double meanLineLength, Map<String, Result> results) {
        Result result(String method) {
            return results.get(method);
        }

        double ratio(Result result, String baseline) {
            Result base = results.get(baseline);
            return base == null ? Double.NaN : result.linesPerSecond / base.linesPerSecond;
        }
    }

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Summary JMH_RESULT.json");
            System.exit(2);
        }
        print(read(new ObjectMapper().readTree(Path.of(args[0]).toFile())), System.out);
    }

    private static List<Input> read(JsonNode runs) {
        Map<String, Input> inputs = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(0, dot);
            Input input = inputs.computeIfAbsent(className, Summary::input);
            JsonNode primary = run.path("primaryMetric");
            input.results.put(benchmark.substring(dot + 1), new Result(benchmark.substring(dot + 1),
                    primary.path("score").asDouble(), primary.path("scoreError").asDouble(), allocationPerLine(run)));
        }
        return new ArrayList<>(inputs.values());
    }

    private static Input input(String className) {
        try {
            ParserBenchmark benchmark = (ParserBenchmark) Class.forName(className).getDeclaredConstructor().newInstance();
            return new Input(benchmark, benchmark.load().meanLength(), new LinkedHashMap<>());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a parser benchmark: " + className, e);
        }
    }

    /** JMH 1.37 names the metric {@code gc.alloc.rate.norm}; earlier versions prefixed a middle dot. */
    private static double allocationPerLine(JsonNode run) {
        JsonNode metrics = run.path("secondaryMetrics");
        JsonNode norm = metrics.has("gc.alloc.rate.norm") ? metrics.get("gc.alloc.rate.norm")
                : metrics.path("\u00b7gc.alloc.rate.norm");
        return norm.isMissingNode() ? Double.NaN : norm.path("score").asDouble();
    }

    private static void print(List<Input> inputs, PrintStream out) {
        out.println("| input | benchmark | lines/s | ± (99.9%) | MB/s | B/line | × peer | × floor |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Input input : inputs) {
            String peer = input.benchmark.baselinePeer();
            List<Result> rows = new ArrayList<>(input.results.values());
            rows.sort(Comparator.comparingDouble(Result::linesPerSecond).reversed());
            for (Result r : rows) {
                out.printf(Locale.ROOT, "| %s (%.0f B/line) | %s | %,.0f | %s | %.1f | %.2f | %s | %s |%n",
                        input.benchmark.inputName(), input.meanLineLength, r.method, r.linesPerSecond,
                        Double.isNaN(r.error) ? "–" : String.format(Locale.ROOT, "%,.0f", r.error),
                        r.linesPerSecond * input.meanLineLength / 1e6, r.bytesPerLine,
                        ratio(input.ratio(r, peer)), ratio(input.ratio(r, FLOOR)));
            }
        }
        out.println();
        out.println("× peer: lines/s over the same run's " + String.join(", ", inputs.stream()
                .map(input -> input.benchmark.baselinePeer() + " (" + input.benchmark.inputName() + ")").toList())
                + "; × floor: over " + FLOOR + " on the same input.");
        out.println();
        for (Input input : inputs) {
            Result meshlens = input.result(MESHLENS);
            if (meshlens != null) {
                out.printf(Locale.ROOT, "- MeshLens on %s: %.2f B/line (%s), %s the peer (target ≥ %.0fx: %s), "
                                + "%s the floor (target ≥ %.1fx: %s)%n",
                        input.benchmark.inputName(), meshlens.bytesPerLine,
                        meshlens.bytesPerLine < SMALLEST_OBJECT ? "no per-line allocation" : "ALLOCATES PER LINE",
                        ratio(input.ratio(meshlens, input.benchmark.baselinePeer())), PEER_TARGET,
                        verdict(input.ratio(meshlens, input.benchmark.baselinePeer()) >= PEER_TARGET),
                        ratio(input.ratio(meshlens, FLOOR)), FLOOR_TARGET,
                        verdict(input.ratio(meshlens, FLOOR) >= FLOOR_TARGET));
            }
        }
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
