package dev.meshlens.benchmarks;

import dev.meshlens.benchmarks.corpus.FluentBitRecord;
import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.benchmarks.peers.JacksonTree;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/** Fluent Bit Kafka records: JSON envelope, escaped Istio 1.9 line in {@code log}, kubernetes metadata. */
public class FluentBitRecordBenchmark extends ParserBenchmark {
    private final JacksonTree jackson = new JacksonTree();

    public FluentBitRecordBenchmark() {
        super("Fluent Bit record", "jacksonTreeThenRegex", FluentBitRecord::render);
    }

    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void jacksonTreeThenRegex(Blackhole blackhole) throws IOException {
        for (int i = 0; i < LineCorpus.LINES; i++) {
            consume(jackson.extractFluentBitRecord(bytes, corpus.offset(i), corpus.length(i), fields), blackhole);
        }
    }
}
