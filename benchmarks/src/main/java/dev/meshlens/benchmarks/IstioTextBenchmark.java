package dev.meshlens.benchmarks;

import dev.meshlens.benchmarks.corpus.IstioTextLine;
import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.benchmarks.peers.ElasticIstioPipeline;
import dev.meshlens.benchmarks.peers.FluentBitRegex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/** Istio 1.9+ default text lines, as the sidecar writes them to stdout. */
public class IstioTextBenchmark extends ParserBenchmark {
    private final FluentBitRegex regex = new FluentBitRegex();
    private final ElasticIstioPipeline elastic = new ElasticIstioPipeline();

    public IstioTextBenchmark() {
        super("Istio 1.9 text", "fluentBitRegex", IstioTextLine::render);
    }

    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void fluentBitRegex(Blackhole blackhole) {
        for (int i = 0; i < LineCorpus.LINES; i++) {
            consume(regex.extract(decode(i), fields), blackhole);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void elasticDissectGrok(Blackhole blackhole) {
        for (int i = 0; i < LineCorpus.LINES; i++) {
            consume(elastic.extract(decode(i), fields), blackhole);
        }
    }
}
