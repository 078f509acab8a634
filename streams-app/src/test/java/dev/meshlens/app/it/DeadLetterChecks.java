package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/** What the dead-letter topic must hold for the poison records a test sent. */
final class DeadLetterChecks {
    private DeadLetterChecks() {
    }

    /**
     * Asserts that the dead-letter topic, read_committed, holds exactly one letter per poison record (sent as
     * {@code sent}), with its key, its value (cut when large), its headers, and why and where it was read.
     */
    static void assertEachOnceWithWhyAndWhere(Deployment deployment, List<PoisonRecords.Poison> poison,
            List<RecordMetadata> poisonSent, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> letters =
                Topics.readCommitted(deployment.kafka(), deployment.deadLetterTopic, timeout);
        assertEquals(poison.size(), letters.size(), () -> "dead letters: " + letters);
        Map<String, ConsumerRecord<byte[], byte[]>> bySource = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            bySource.put(header(letter, DeadLetters.SOURCE_PARTITION) + "@" + header(letter, DeadLetters.SOURCE_OFFSET),
                    letter);
        }
        for (int i = 0; i < poison.size(); i++) {
            PoisonRecords.Poison expected = poison.get(i);
            RecordMetadata source = poisonSent.get(i);
            ConsumerRecord<byte[], byte[]> letter = bySource.get(source.partition() + "@" + source.offset());
            assertNotNull(letter, () -> "no dead letter for " + expected + " (" + source + ") among " + bySource.keySet());
            assertArrayEquals(expected.key(), letter.key(), () -> expected + ": key");
            assertArrayEquals(expected.deadLetterValue(), letter.value(), () -> expected + ": value");
            assertEquals(deployment.inputTopic, header(letter, DeadLetters.SOURCE_TOPIC), () -> expected + ": source topic");
            assertEquals(expected.status().name(), header(letter, DeadLetters.STATUS), () -> expected + ": status");
            String reason = header(letter, DeadLetters.REASON);
            assertTrue(reason.equals(expected.reason()) || reason.startsWith(expected.reason() + " ("),
                    () -> expected + ": reason '" + reason + "'");
            assertTrue(Integer.parseInt(header(letter, DeadLetters.ERROR_OFFSET)) >= 0, () -> expected + ": error offset");
            String originalLength = expected.value() == null || expected.value().length <= PoisonRecords.CUT_AT ? null
                    : Integer.toString(expected.value().length);
            assertEquals(originalLength, header(letter, DeadLetters.ORIGINAL_LENGTH), () -> expected + ": original length");
            for (Header own : expected.headers()) {
                assertArrayEquals(own.value(), letter.headers().lastHeader(own.key()).value(),
                        () -> expected + ": " + own.key());
            }
            assertEquals(List.of(), JsonContract.DEAD_LETTER.violations(DeadLetterJson.of(letter)),
                    () -> expected + ": contract");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
