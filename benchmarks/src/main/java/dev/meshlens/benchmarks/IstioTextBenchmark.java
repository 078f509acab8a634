package dev.meshlens.benchmarks;

import dev.meshlens.benchmarks.ceiling.HandWrittenIstioLine;
import dev.meshlens.benchmarks.corpus.IstioTextLine;
import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.benchmarks.peers.ElasticIstioPipeline;
import dev.meshlens.benchmarks.peers.FluentBitRegex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import dev.meshlens.parser.event.AccessEvent;
import org.openjdk.jmh.infra.Blackhole;

/** Istio 1.9+ default text lines, as the sidecar writes them to stdout. */
public class IstioTextBenchmark extends ParserBenchmark {
    private final FluentBitRegex regex = new FluentBitRegex();
    private final ElasticIstioPipeline elastic = new ElasticIstioPipeline();
    private final HandWrittenIstioLine handWritten = HandWrittenIstioLine.decoding();
    private final HandWrittenIstioLine fieldEnds = HandWrittenIstioLine.fieldEndsOnly();
    private final AccessEvent handWrittenEvent = new AccessEvent();

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

    /** Ceiling: this one format in straight-line code, with MeshLens's searches, conversions and stores. */
    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void handWrittenCeiling(Blackhole blackhole) {
        readAll(handWritten, blackhole);
    }

    /** Ceiling: only finding where each of the line's fields ends. */
    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void fieldEndsCeiling(Blackhole blackhole) {
        readAll(fieldEnds, blackhole);
    }

    private void readAll(HandWrittenIstioLine reader, Blackhole blackhole) {
        for (int i = 0; i < LineCorpus.LINES; i++) {
            int off = corpus.offset(i);
            blackhole.consume(reader.read(bytes, off, off + corpus.length(i), handWrittenEvent));
            blackhole.consume(handWrittenEvent.responseCode());
        }
    }
}
