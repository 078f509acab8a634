package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.Field;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The extractor hands its parse of a line to the processor only for that very array, once, while it is kept. */
class ParseOnceTest {
    private static final Instant T = Instant.parse("2026-11-20T10:42:10Z");

    private final AccessLogTimestampExtractor extractor = new AccessLogTimestampExtractor("auto",
            AccessLogParser.DEFAULT_MAX_LINE_LENGTH, new PipelineMetrics(new SimpleMeterRegistry()));

    private static byte[] line(String host) {
        return LogRecords.utf8(LogRecords.outbound("reviews", "default", 9080).upstreamHost(host).at(T).text());
    }

    private void extract(byte[] value) {
        extractor.extract(new ConsumerRecord<>("in", 0, 0, null, value), 0);
    }

    @Test
    void handsOnEachPartitionsLookAheadLineToItsOwnProcessCall() {
        List<byte[]> heads = new ArrayList<>();
        for (int partition = 0; partition < 6; partition++) {
            heads.add(line("10.44.1." + partition + ":9080"));
            extract(heads.get(partition));
        }
        for (int partition = 5; partition >= 0; partition--) {
            AccessLogTimestampExtractor.Parsed parsed = extractor.take(heads.get(partition));
            assertNotNull(parsed);
            assertEquals("10.44.1." + partition + ":9080", parsed.event().text(Field.UPSTREAM_HOST).toString());
            assertNull(extractor.take(heads.get(partition)), "handed on twice");
        }
    }

    @Test
    void anEqualButOtherArrayOrAnOverwrittenParseIsParsedAgain() {
        byte[] first = line("10.44.1.1:9080");
        extract(first);
        assertNull(extractor.take(first.clone()));
        for (int i = 0; i < AccessLogTimestampExtractor.SLOTS; i++) {
            extract(line("10.44.2." + i + ":9080"));
        }
        assertNull(extractor.take(first));
    }

    @Test
    void aLineThatIsNoAccessEventIsNotHandedOn() {
        byte[] garbage = LogRecords.utf8("not an access line");
        extract(garbage);
        assertNull(extractor.take(garbage));
    }
}
