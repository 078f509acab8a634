package dev.meshlens.benchmarks.ceiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.benchmarks.corpus.IstioTextLine;
import dev.meshlens.benchmarks.corpus.LineCorpus;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A ceiling measures something only if it does the same work: the same event, field by field, as MeshLens. */
class HandWrittenIstioLineTest {
    private final LineCorpus corpus = LineCorpus.bookinfo(IstioTextLine::render);

    @Test
    void decodesEveryBenchmarkLineExactlyAsMeshLensDoes() {
        AccessLogParser parser = AccessLogParser.forFormat("istio");
        HandWrittenIstioLine handWritten = HandWrittenIstioLine.decoding();
        AccessEvent expected = new AccessEvent();
        AccessEvent actual = new AccessEvent();
        for (int i = 0; i < corpus.size(); i++) {
            int off = corpus.offset(i);
            parser.parse(corpus.bytes(), off, corpus.length(i), expected);
            assertTrue(handWritten.read(corpus.bytes(), off, off + corpus.length(i), actual), corpus.line(i));
            for (Field field : Field.values()) {
                assertEquals(text(expected.text(field)), text(actual.text(field)), field + " of " + corpus.line(i));
            }
            assertEquals(expected.startTimeMillis(), actual.startTimeMillis());
            assertEquals(expected.responseCode(), actual.responseCode());
            assertEquals(expected.responseFlags(), actual.responseFlags());
            assertEquals(expected.bytesReceived(), actual.bytesReceived());
            assertEquals(expected.bytesSent(), actual.bytesSent());
            assertEquals(expected.duration(), actual.duration());
            assertEquals(expected.upstreamServiceTime(), actual.upstreamServiceTime());
        }
    }

    @Test
    void findsTheFieldEndsOfEveryBenchmarkLine() {
        HandWrittenIstioLine fieldEnds = HandWrittenIstioLine.fieldEndsOnly();
        for (int i = 0; i < corpus.size(); i++) {
            int off = corpus.offset(i);
            assertTrue(fieldEnds.read(corpus.bytes(), off, off + corpus.length(i), new AccessEvent()), corpus.line(i));
        }
    }

    @Test
    void refusesALineWithAFieldMissing() {
        String line = corpus.line(0);
        assertRefused(line.substring(0, line.lastIndexOf(' ')));
        int request = line.indexOf('"');
        assertRefused(line.substring(0, request) + "\"GET" + line.substring(line.indexOf('"', request + 1)));
    }

    private static void assertRefused(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        assertFalse(HandWrittenIstioLine.fieldEndsOnly().read(bytes, 0, bytes.length, new AccessEvent()), line);
        assertFalse(HandWrittenIstioLine.decoding().read(bytes, 0, bytes.length, new AccessEvent()), line);
    }

    private static String text(ByteView view) {
        return view == null ? null : view.toString();
    }
}
