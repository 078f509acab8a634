package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.app.pipeline.DeadLetters;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.schemas.SchemaFile;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dead-letter.schema.json}: valid, strict, and naming exactly the headers {@link DeadLetters} writes and
 * the statuses a record can be rejected with. {@code PipelineIT} checks the dead letters of a real run too.
 */
class DeadLetterSchemaTest {
    private static final SchemaFile SCHEMA = JsonContract.DEAD_LETTER;

    static List<Breakage> breakages() {
        return List.of(
                new Breakage("lower-case status", DeadLetters.STATUS,
                        doc -> headers(doc).put(DeadLetters.STATUS, "bad_json")),
                new Breakage("a status that carries an event", DeadLetters.STATUS,
                        doc -> headers(doc).put(DeadLetters.STATUS, "OK")),
                new Breakage("no reason", DeadLetters.REASON, doc -> headers(doc).remove(DeadLetters.REASON)),
                new Breakage("negative source offset", DeadLetters.SOURCE_OFFSET,
                        doc -> headers(doc).put(DeadLetters.SOURCE_OFFSET, "-1")),
                new Breakage("source topic without its partition", DeadLetters.SOURCE_PARTITION,
                        doc -> headers(doc).remove(DeadLetters.SOURCE_PARTITION)),
                new Breakage("original length 0", DeadLetters.ORIGINAL_LENGTH,
                        doc -> headers(doc).put(DeadLetters.ORIGINAL_LENGTH, "0")),
                new Breakage("value as JSON, not bytes", "value", doc -> doc.putObject("value").put("log", "x")),
                new Breakage("no key at all", "key", doc -> doc.remove("key")));
    }

    @Test
    void isAValidDraft202012Schema() {
        assertEquals(List.of(), SCHEMA.metaSchemaViolations());
    }

    @Test
    void acceptsADeadLetterWithHeadersOfItsOwn() {
        assertEquals(List.of(), SCHEMA.violations(DeadLetterJson.of(deadLetter())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void rejectsADeadLetterThatBreaksTheContract(Breakage breakage) {
        breakage.assertRejectedBy(SCHEMA, DeadLetterJson.of(deadLetter()));
    }

    @Test
    void namesEveryHeaderDeadLettersWrites() throws IllegalAccessException {
        Set<String> written = new TreeSet<>();
        for (Field field : DeadLetters.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                written.add((String) field.get(null));
            }
        }
        Set<String> documented = new TreeSet<>();
        SCHEMA.document().at("/properties/headers/properties").fieldNames().forEachRemaining(documented::add);
        assertEquals(written, documented);
    }

    @Test
    void listsEveryStatusThatCarriesNoEvent() {
        Set<String> rejections = Arrays.stream(ParseStatus.values()).filter(s -> !s.hasEvent()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = StreamSupport.stream(SCHEMA.document()
                        .at("/properties/headers/properties/" + DeadLetters.STATUS + "/enum").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(rejections, documented);
    }

    private static ObjectNode headers(ObjectNode document) {
        return (ObjectNode) document.get("headers");
    }

    /** A dead letter as the pipeline writes one for a cut JSON record, with a header of the input's own. */
    private static ConsumerRecord<byte[], byte[]> deadLetter() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("meshlens.dlq", 0, 17, null,
                "{\"log\":\"[2026-11-22T".getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("fluentbit.tag", bytes("kube.var.log.containers.reviews")));
        record.headers().add(new RecordHeader(DeadLetters.STATUS, bytes(ParseStatus.BAD_JSON.name())));
        record.headers().add(new RecordHeader(DeadLetters.REASON, bytes(ParseStatus.BAD_JSON.reason())));
        record.headers().add(new RecordHeader(DeadLetters.ERROR_OFFSET, bytes("19")));
        record.headers().add(new RecordHeader(DeadLetters.SOURCE_TOPIC, bytes("istio-proxy-logs")));
        record.headers().add(new RecordHeader(DeadLetters.SOURCE_PARTITION, bytes("3")));
        record.headers().add(new RecordHeader(DeadLetters.SOURCE_OFFSET, bytes("40213")));
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
