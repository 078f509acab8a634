package dev.meshlens.benchmarks;

import dev.meshlens.benchmarks.corpus.IstioJsonLine;
import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.benchmarks.peers.JacksonTree;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/** Istio's JSON-encoded lines ({@code accessLogEncoding: JSON}), typed as Istio 1.9.5+ writes them. */
public class IstioJsonBenchmark extends ParserBenchmark {
    private final JacksonTree jackson = new JacksonTree();

    public IstioJsonBenchmark() {
        super("Istio JSON", "jacksonTree", IstioJsonLine::render);
    }

    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void jacksonTree(Blackhole blackhole) throws IOException {
        for (int i = 0; i < LineCorpus.LINES; i++) {
            consume(jackson.extractIstioJson(bytes, corpus.offset(i), corpus.length(i), fields), blackhole);
        }
    }
}
