package dev.meshlens.benchmarks;

import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.benchmarks.corpus.Request;
import dev.meshlens.benchmarks.peers.ExtractedFields;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One input kind: MeshLens and the byte-scan floor here, the peers in each subclass. Every benchmark walks the
 * whole corpus per invocation and counts one operation per line, so JMH's ops/s is lines/s and its
 * {@code gc.alloc.rate.norm} is bytes allocated per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public abstract class ParserBenchmark {
    protected final ExtractedFields fields = new ExtractedFields();
    protected LineCorpus corpus;
    protected byte[] bytes;
    private final AccessLogParser parser = AccessLogParser.auto();
    private final AccessEvent event = new AccessEvent();
    private final String inputName;
    private final String baselinePeer;
    private final Function<Request, String> renderer;

    /**
     * @param inputName what the input is, for the summary table
     * @param baselinePeer the benchmark method of the peer MeshLens is compared with on this input
     * @param renderer how the input writes each Bookinfo request
     */
    protected ParserBenchmark(String inputName, String baselinePeer, Function<Request, String> renderer) {
        this.inputName = inputName;
        this.baselinePeer = baselinePeer;
        this.renderer = renderer;
    }

    String inputName() {
        return inputName;
    }

    String baselinePeer() {
        return baselinePeer;
    }

    /** The lines this input kind is measured on. */
    LineCorpus load() {
        return LineCorpus.bookinfo(renderer);
    }

    @Setup
    public void setUp() {
        corpus = load();
        bytes = corpus.bytes();
        if (corpus.size() != LineCorpus.LINES) {
            throw new IllegalStateException("@OperationsPerInvocation assumes " + LineCorpus.LINES + " lines");
        }
    }

    /** MeshLens, auto-detecting the format of every line as {@code meshlens parse} does. */
    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public void meshlens(Blackhole blackhole) {
        for (int i = 0; i < LineCorpus.LINES; i++) {
            parser.parse(bytes, corpus.offset(i), corpus.length(i), event);
            blackhole.consume(event.status());
            blackhole.consume(event.responseCode());
            blackhole.consume(event.responseFlags());
            blackhole.consume(event.duration());
            blackhole.consume(event.text(Field.UPSTREAM_CLUSTER));
            blackhole.consume(event.text(Field.K8S_POD));
            blackhole.consume(event.text(Field.K8S_NAMESPACE));
        }
    }

    /** Touches every byte once and does nothing else: what reading the lines from memory costs. */
    @Benchmark
    @OperationsPerInvocation(LineCorpus.LINES)
    public int byteScanFloor() {
        int quotes = 0;
        for (int i = 0; i < LineCorpus.LINES; i++) {
            for (int at = corpus.offset(i), end = at + corpus.length(i); at < end; at++) {
                if (bytes[at] == '"') {
                    quotes++;
                }
            }
        }
        return quotes;
    }

    /** The line as a Java consumer of bytes (a Kafka value, a file) hands it to a String-based parser. */
    protected String decode(int line) {
        return new String(bytes, corpus.offset(line), corpus.length(line), StandardCharsets.UTF_8);
    }

    protected void consume(boolean matched, Blackhole blackhole) {
        blackhole.consume(matched);
        blackhole.consume(fields.responseCode());
        blackhole.consume(fields.responseFlags());
        blackhole.consume(fields.duration());
        blackhole.consume(fields.upstreamCluster());
        blackhole.consume(fields.pod());
        blackhole.consume(fields.namespace());
    }
}
