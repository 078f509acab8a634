package dev.meshlens.app.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The headers that say why a record is on the dead-letter topic and where it came from. The value is the
 * original bytes; values over {@link #MAX_VALUE_BYTES} are cut there (Kafka's default 1 MB message limit
 * would otherwise stop the pipeline) and the original length is kept in a header.
 */
public final class DeadLetters {
    public static final String REASON = "meshlens.dlq.reason";
    public static final String STATUS = "meshlens.dlq.status";
    public static final String ERROR_OFFSET = "meshlens.dlq.error.offset";
    public static final String SOURCE_TOPIC = "meshlens.dlq.source.topic";
    public static final String SOURCE_PARTITION = "meshlens.dlq.source.partition";
    public static final String SOURCE_OFFSET = "meshlens.dlq.source.offset";
    public static final String ORIGINAL_LENGTH = "meshlens.dlq.original.length";
    static final int MAX_VALUE_BYTES = 900 * 1024;

    private DeadLetters() {
    }

    static Headers headers(Headers original, String status, String reason, int errorOffset,
            RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, STATUS, status);
        put(headers, REASON, reason);
        put(headers, ERROR_OFFSET, Integer.toString(errorOffset));
        if (source != null) {
            put(headers, SOURCE_TOPIC, source.topic());
            put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        }
        return headers;
    }

    static byte[] value(byte[] original, Headers headers) {
        if (original == null || original.length <= MAX_VALUE_BYTES) {
            return original;
        }
        put(headers, ORIGINAL_LENGTH, Integer.toString(original.length));
        return Arrays.copyOf(original, MAX_VALUE_BYTES);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
