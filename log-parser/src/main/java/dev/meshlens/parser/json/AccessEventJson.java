package dev.meshlens.parser.json;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlag;
import dev.meshlens.parser.event.ResponseFlags;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an {@link AccessEvent} as the JSON object of {@code schemas/access-event.schema.json}: Istio's JSON
 * encoding names, numbers as numbers, {@code null} for absent values, response flags as an array of short
 * codes (unknown codes as written), plus the cluster's parts and the Kubernetes metadata. Allocation-free
 * once the output buffer has grown.
 */
public final class AccessEventJson {
    private static final byte[][] NAMES = new byte[Field.COUNT][];
    private static final byte[] LINE = ascii("line");
    private static final byte[] FORMAT = ascii("format");
    private static final byte[] STATUS = ascii("status");
    private static final byte[] OK = ascii("ok");
    private static final byte[] PARTIAL = ascii("partial");
    private static final byte[] UPSTREAM = ascii("upstream");
    private static final byte[] PORT = ascii("port");
    private static final byte[] KUBERNETES = ascii("kubernetes");
    private static final byte[] ENVELOPE_TIME = ascii("envelope_time");
    private static final byte[] STREAM_PARTIAL = ascii("stream_partial");
    private static final Field[] CLUSTER_PARTS = {Field.CLUSTER_DIRECTION, Field.CLUSTER_SUBSET, Field.CLUSTER_HOST};
    private static final Field[] KUBERNETES_FIELDS = {Field.K8S_NAMESPACE, Field.K8S_POD, Field.K8S_CONTAINER,
        Field.K8S_APP, Field.K8S_VERSION, Field.K8S_NODE};
    private static final byte[][] FLAG_CODES = new byte[ResponseFlag.values().length][];
    /** Copied once: {@code Field.values()} clones its array on every call, 160 bytes a line. */
    private static final Field[] ACCESS_LINE_FIELDS =
            Arrays.stream(Field.values()).filter(Field::isAccessLineField).toArray(Field[]::new);

    static {
        for (Field field : Field.values()) {
            NAMES[field.ordinal()] = ascii(field.jsonName());
        }
        for (ResponseFlag flag : ResponseFlag.values()) {
            FLAG_CODES[flag.ordinal()] = ascii(flag.shortCode());
        }
    }

    private final byte[] time = new byte[IsoTime.FORMATTED_LENGTH];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the event as one JSON object; {@code lineNumber < 1} leaves out the {@code line} key. */
    public void write(AccessEvent event, long lineNumber, JsonOutput out) {
        out.beginObject();
        if (lineNumber > 0) {
            out.key(LINE).number(lineNumber);
        }
        out.key(FORMAT).string(event.formatName());
        out.key(STATUS).string(event.status() == ParseStatus.PARTIAL ? PARTIAL : OK);
        for (Field field : ACCESS_LINE_FIELDS) {
            writeField(event, field, out);
        }
        writeUpstream(event, out);
        writeKubernetes(event, out);
        out.key(NAMES[Field.STREAM.ordinal()]);
        text(event.text(Field.STREAM), out);
        out.key(ENVELOPE_TIME);
        time(event.envelopeTimeMillis(), out);
        out.key(STREAM_PARTIAL).bool(event.streamPartial());
        out.endObject();
    }

    private void writeField(AccessEvent event, Field field, JsonOutput out) {
        out.key(NAMES[field.ordinal()]);
        switch (field) {
            case START_TIME -> time(event.startTimeMillis(), out);
            case RESPONSE_CODE -> number(event.responseCode(), out);
            case BYTES_RECEIVED -> number(event.bytesReceived(), out);
            case BYTES_SENT -> number(event.bytesSent(), out);
            case DURATION -> number(event.duration(), out);
            case UPSTREAM_SERVICE_TIME -> number(event.upstreamServiceTime(), out);
            case RESPONSE_FLAGS -> flags(event.text(Field.RESPONSE_FLAGS), out);
            default -> text(event.text(field), out);
        }
    }

    private void writeUpstream(AccessEvent event, JsonOutput out) {
        out.key(UPSTREAM).beginObject();
        for (Field part : CLUSTER_PARTS) {
            out.key(NAMES[part.ordinal()]);
            text(event.text(part), out);
        }
        out.key(PORT);
        number(event.clusterPort(), out);
        out.endObject();
    }

    private void writeKubernetes(AccessEvent event, JsonOutput out) {
        out.key(KUBERNETES).beginObject();
        for (Field field : KUBERNETES_FIELDS) {
            out.key(NAMES[field.ordinal()]);
            text(event.text(field), out);
        }
        out.endObject();
    }

    private static void flags(ByteView raw, JsonOutput out) {
        out.beginArray();
        if (raw != null) {
            byte[] b = raw.bytes();
            int end = raw.offset() + raw.length();
            for (int start = raw.offset(), i = start; i <= end; i++) {
                if (i == end || b[i] == ',') {
                    ResponseFlag flag = ResponseFlags.lookup(b, start, i - start);
                    if (flag == ResponseFlag.UNKNOWN) {
                        out.string(b, start, i - start);
                    } else {
                        out.string(FLAG_CODES[flag.ordinal()]);
                    }
                    start = i + 1;
                }
            }
        }
        out.endArray();
    }

    private void time(long millis, JsonOutput out) {
        if (millis == AccessEvent.NO_TIME || millis < -62_135_596_800_000L || millis > 253_402_300_799_999L) {
            out.nullValue();
        } else {
            IsoTime.format(millis, time, 0);
            out.string(time);
        }
    }

    private static void number(long value, JsonOutput out) {
        if (value < 0) {
            out.nullValue();
        } else {
            out.number(value);
        }
    }

    private static void text(ByteView view, JsonOutput out) {
        if (view == null) {
            out.nullValue();
        } else {
            out.string(view.bytes(), view.offset(), view.length());
        }
    }
}
