package dev.meshlens.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.benchmarks.corpus.FluentBitRecord;
import dev.meshlens.benchmarks.corpus.IstioJsonLine;
import dev.meshlens.benchmarks.corpus.IstioTextLine;
import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.benchmarks.corpus.Request;
import dev.meshlens.benchmarks.corpus.Workload;
import dev.meshlens.benchmarks.peers.ElasticIstioPipeline;
import dev.meshlens.benchmarks.peers.ExtractedFields;
import dev.meshlens.benchmarks.peers.FluentBitRegex;
import dev.meshlens.benchmarks.peers.JacksonTree;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ResponseFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks compare like with like only if every contender reads the same values from every line: here
 * MeshLens and each peer must extract exactly what the generator wrote, line by line.
 */
class PeersAgreeTest {
    private static final List<Request> REQUESTS = LineCorpus.bookinfoRequests();

    private final AccessLogParser meshlens = AccessLogParser.auto();
    private final AccessEvent event = new AccessEvent();
    private final ExtractedFields fields = new ExtractedFields();

    @Test
    void theCorpusMixesSuccessesWithTheFailuresMeshLensDiagnoses() {
        Map<Integer, Long> byCode = REQUESTS.stream()
                .collect(Collectors.groupingBy(Request::responseCode, Collectors.counting()));
        assertTrue(byCode.getOrDefault(200, 0L) > REQUESTS.size() / 2, "mostly 200: " + byCode);
        assertTrue(byCode.getOrDefault(503, 0L) >= 50, "503s: " + byCode);
        assertTrue(byCode.getOrDefault(404, 0L) >= 20, "404s: " + byCode);
        long distinctFlags = REQUESTS.stream().map(Request::responseFlags).distinct().count();
        assertTrue(distinctFlags >= 6, "flag variety: " + distinctFlags);
        double meanLength = LineCorpus.bookinfo(IstioTextLine::render).meanLength();
        assertTrue(meanLength > 300 && meanLength < 600, "mean text line length: " + meanLength);
    }

    @Test
    void everyoneReadsTheTextLinesAsWritten() {
        FluentBitRegex regex = new FluentBitRegex();
        ElasticIstioPipeline elastic = new ElasticIstioPipeline();
        LineCorpus text = LineCorpus.bookinfo(IstioTextLine::render);
        assertEquals(expected(PeersAgreeTest::accessFields), meshlens(text));
        assertEquals(expected(PeersAgreeTest::accessFields), peer(text, i -> regex.extract(text.line(i), fields)));
        assertEquals(expected(PeersAgreeTest::accessFields), peer(text, i -> elastic.extract(text.line(i), fields)));
    }

    @Test
    void everyoneReadsTheJsonLinesAsWritten() {
        JacksonTree jackson = new JacksonTree();
        LineCorpus json = LineCorpus.bookinfo(IstioJsonLine::render);
        assertEquals(expected(PeersAgreeTest::accessFields), meshlens(json));
        assertEquals(expected(PeersAgreeTest::accessFields),
                peer(json, i -> jackson.extractIstioJson(json.bytes(), json.offset(i), json.length(i), fields)));
    }

    @Test
    void everyoneReadsTheFluentBitRecordsAsWritten() {
        JacksonTree jackson = new JacksonTree();
        LineCorpus records = LineCorpus.bookinfo(FluentBitRecord::render);
        Function<Request, String> withPod = r -> accessFields(r) + " " + r.sidecar().pod() + " " + Workload.NAMESPACE;
        assertEquals(expected(withPod), meshlens(records));
        assertEquals(expected(withPod), peer(records,
                i -> jackson.extractFluentBitRecord(records.bytes(), records.offset(i), records.length(i), fields)));
    }

    private static List<String> expected(Function<Request, String> describe) {
        return REQUESTS.stream().map(describe).toList();
    }

    private static String accessFields(Request r) {
        return describe(r.responseCode(), flagSet(r.responseFlags()), r.duration(), r.upstreamCluster());
    }

    private List<String> meshlens(LineCorpus corpus) {
        List<String> read = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            meshlens.parse(corpus.bytes(), corpus.offset(i), corpus.length(i), event);
            assertEquals("OK", event.status().name(), () -> "MeshLens rejected " + event.errorField());
            String access = describe(event.responseCode(), flagSet(ResponseFlags.toShortString(event.responseFlags())),
                    event.duration(), text(event.text(Field.UPSTREAM_CLUSTER)));
            ByteView pod = event.text(Field.K8S_POD);
            read.add(pod == null ? access : access + " " + pod + " " + event.text(Field.K8S_NAMESPACE));
        }
        return read;
    }

    private interface Extraction {
        boolean line(int index) throws IOException;
    }

    private List<String> peer(LineCorpus corpus, Extraction extraction) {
        List<String> read = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            try {
                assertTrue(extraction.line(i), "peer did not match line " + i + ": " + corpus.line(i));
            } catch (IOException e) {
                throw new AssertionError("line " + i, e);
            }
            String access = describe(fields.responseCode(), flagSet(fields.responseFlags()), fields.duration(),
                    fields.upstreamCluster());
            read.add(fields.pod() == null ? access : access + " " + fields.pod() + " " + fields.namespace());
        }
        return read;
    }

    private static String describe(int code, String flags, long duration, String cluster) {
        return code + " " + flags + " " + duration + " " + cluster;
    }

    /** Flags in a fixed order: Envoy's order is its own, and the contenders need not keep it. */
    private static String flagSet(String flags) {
        if (flags == null || flags.equals("-")) {
            return "-";
        }
        String[] sorted = flags.split(",");
        Arrays.sort(sorted);
        return String.join(",", sorted);
    }

    private static String text(ByteView view) {
        return view == null ? null : view.toString();
    }
}
