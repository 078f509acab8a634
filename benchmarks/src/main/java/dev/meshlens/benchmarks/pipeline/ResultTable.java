package dev.meshlens.benchmarks.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The rounds as one Markdown table: per run, the median over rounds of each figure, and each app run as a ratio
 * of the plain-consumer limit of its own guarantee (the ratio of each round, then their median), then the
 * figures against the targets.
 */
final class ResultTable {
    private static final double RATIO_TARGET = 0.40;
    private static final double RATE_TARGET = 250_000;
    private static final double REPARTITION_TARGET_PERCENT = 1.0;

    private ResultTable() {
    }

    static void print(List<List<Measurement>> rounds, PrintStream out) {
        Map<String, List<Measurement>> byRun = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (List<Measurement> round : rounds) {
            Map<String, Measurement> limits = new LinkedHashMap<>();
            for (Measurement m : round) {
                byRun.computeIfAbsent(m.run(), k -> new ArrayList<>()).add(m);
                if (m.repartitionRecords() < 0) {
                    limits.put(m.run(), m);
                } else {
                    Measurement limit = limits.get(PipelineBenchmark.limitName(m.run()));
                    ratios.computeIfAbsent(m.run(), k -> new ArrayList<>())
                            .add(m.recordsPerSecond() / limit.recordsPerSecond());
                }
            }
        }
        out.printf(Locale.ROOT, "%nMedians of %d round(s):%n%n", rounds.size());
        out.println("| run | records/s | MB/s | app/limit | repartition/input | client CPU µs/record | client CPU s | broker CPU s | peak heap MB | live heap MB |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Measurement>> e : byRun.entrySet()) {
            List<Measurement> ms = e.getValue();
            List<Double> ratio = ratios.get(e.getKey());
            out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %s | %s | %.2f | %.1f | %.1f | %.0f | %.0f |%n", e.getKey(),
                    median(ms, Measurement::recordsPerSecond), median(ms, Measurement::megabytesPerSecond),
                    ratio == null ? "1 (limit)" : String.format(Locale.ROOT, "%.2f", median(ratio, r -> r)),
                    ratio == null ? "-" : String.format(Locale.ROOT, "%.3f %%", median(ms, Measurement::repartitionPercent)),
                    median(ms, Measurement::clientCpuMicrosPerRecord), median(ms, m -> m.clientCpuNanos() / 1e9),
                    median(ms, m -> m.brokerCpuNanos() / 1e9), median(ms, m -> m.peakHeapBytes() / 1e6),
                    median(ms, m -> m.liveHeapBytes() / 1e6));
        }
        List<Measurement> eos = byRun.get(StreamsConfig.EXACTLY_ONCE_V2);
        if (eos != null) {
            double rate = median(eos, Measurement::recordsPerSecond);
            double ratio = median(ratios.get(StreamsConfig.EXACTLY_ONCE_V2), r -> r);
            double repartition = median(eos, Measurement::repartitionPercent);
            out.printf(Locale.ROOT, "%nTargets (exactly_once_v2): app/limit %.2f (target >= %.2f: %s), %,.0f records/s "
                            + "(target >= %,.0f: %s), repartition %.3f %% of input (target < %.0f %%: %s)%n",
                    ratio, RATIO_TARGET, met(ratio >= RATIO_TARGET), rate, RATE_TARGET, met(rate >= RATE_TARGET),
                    repartition, REPARTITION_TARGET_PERCENT, met(repartition < REPARTITION_TARGET_PERCENT));
        }
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
        double[] sorted = values.stream().mapToDouble(figure).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
