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
import java.util.function.ToDoubleFunction;

/**
 * Turns JMH's {@code -rf json} output of the parser benchmarks into one Markdown table: lines/s, MB/s, bytes
 * allocated per line, and each result as a ratio of the peer and of the byte-scan floor measured on the same
 * input in the same run. Then MeshLens against its targets.
 *
 * <p>When the run also had {@code -prof perfnorm:events=task-clock}, the CPU time per line and the same ratios
 * on CPU time are added: on a shared machine, wall-clock rates swing with whatever else runs, CPU time much less.
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

    /** One benchmark's figures; {@code linesPerCpuSecond} is NaN without perfnorm's task-clock. */
    private record Result(String method, double linesPerSecond, double error, double bytesPerLine,
                          double linesPerCpuSecond) {
    }

    private record Input(ParserBenchmark benchmark, double meanLineLength, Map<String, Result> results) {
        double ratio(Result result, String baseline, ToDoubleFunction<Result> rate) {
            Result base = results.get(baseline);
            return base == null ? Double.NaN : rate.applyAsDouble(result) / rate.applyAsDouble(base);
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
            String method = benchmark.substring(dot + 1);
            Input input = inputs.computeIfAbsent(benchmark.substring(0, dot), Summary::input);
            JsonNode primary = run.path("primaryMetric");
            double cpuMillisPerLine = secondary(run, "task-clock");
            input.results.put(method, new Result(method, primary.path("score").asDouble(),
                    primary.path("scoreError").asDouble(), secondary(run, "gc.alloc.rate.norm"),
                    1_000 / cpuMillisPerLine));
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

    /** A profiler's metric, or NaN. JMH 1.37 names them plainly; earlier versions prefixed a middle dot. */
    private static double secondary(JsonNode run, String name) {
        JsonNode metrics = run.path("secondaryMetrics");
        JsonNode metric = metrics.has(name) ? metrics.get(name) : metrics.path("\u00b7" + name);
        return metric.isMissingNode() ? Double.NaN : metric.path("score").asDouble();
    }

    private static void print(List<Input> inputs, PrintStream out) {
        out.println("| input | benchmark | lines/s | ± (99.9%) | MB/s | B/line | × peer | × floor "
                + "| CPU µs/line | × peer (CPU) | × floor (CPU) |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Input input : inputs) {
            String peer = input.benchmark.baselinePeer();
            List<Result> rows = new ArrayList<>(input.results.values());
            rows.sort(Comparator.comparingDouble(Result::linesPerSecond).reversed());
            for (Result r : rows) {
                out.printf(Locale.ROOT, "| %s (%.0f B/line) | %s | %,.0f | %s | %.1f | %.2f | %s | %s | %s | %s | %s |%n",
                        input.benchmark.inputName(), input.meanLineLength, r.method, r.linesPerSecond,
                        number("%,.0f", r.error), r.linesPerSecond * input.meanLineLength / 1e6, r.bytesPerLine,
                        ratio(input.ratio(r, peer, Result::linesPerSecond)),
                        ratio(input.ratio(r, FLOOR, Result::linesPerSecond)),
                        number("%.2f", 1e6 / r.linesPerCpuSecond),
                        ratio(input.ratio(r, peer, Result::linesPerCpuSecond)),
                        ratio(input.ratio(r, FLOOR, Result::linesPerCpuSecond)));
            }
        }
        out.println();
        out.println("× peer: over the same run's " + String.join(", ", inputs.stream()
                .map(input -> input.benchmark.baselinePeer() + " (" + input.benchmark.inputName() + ")").toList())
                + "; × floor: over " + FLOOR + " on the same input. (CPU): the same, on CPU time per line "
                + "(JMH perfnorm task-clock, all the JVM's threads) instead of wall-clock lines/s.");
        out.println();
        for (Input input : inputs) {
            Result meshlens = input.results.get(MESHLENS);
            if (meshlens != null) {
                printTargets(input, meshlens, out);
            }
        }
    }

    private static void printTargets(Input input, Result meshlens, PrintStream out) {
        String peer = input.benchmark.baselinePeer();
        double peerWall = input.ratio(meshlens, peer, Result::linesPerSecond);
        double peerCpu = input.ratio(meshlens, peer, Result::linesPerCpuSecond);
        double floorWall = input.ratio(meshlens, FLOOR, Result::linesPerSecond);
        double floorCpu = input.ratio(meshlens, FLOOR, Result::linesPerCpuSecond);
        out.printf(Locale.ROOT, "- MeshLens on %s: %.2f B/line (%s); %s the peer, %s on CPU (target ≥ %.0fx: %s); "
                        + "%s the floor, %s on CPU (target ≥ %.1fx: %s)%n",
                input.benchmark.inputName(), meshlens.bytesPerLine,
                meshlens.bytesPerLine < SMALLEST_OBJECT ? "no per-line allocation" : "ALLOCATES PER LINE",
                ratio(peerWall), ratio(peerCpu), PEER_TARGET, verdict(peerWall, peerCpu, PEER_TARGET),
                ratio(floorWall), ratio(floorCpu), FLOOR_TARGET, verdict(floorWall, floorCpu, FLOOR_TARGET));
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, format, value);
    }

    private static String ratio(double ratio) {
        return number("%.2fx", ratio);
    }

    /** Met only when every measure there is meets it. */
    private static String verdict(double wall, double cpu, double target) {
        return wall >= target && (Double.isNaN(cpu) || cpu >= target) ? "met" : "NOT met";
    }
}
