package dev.meshlens.parser.json;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;
import dev.meshlens.parser.event.ParseStatus;

/**
 * Reads one JSON object in a single pass: a log shipper's envelope (Fluent Bit's Kafka record, Docker's
 * json-file line, Filebeat's {@code message} record, each with optional Kubernetes metadata), an Istio
 * JSON-encoded access line, or both at once (Fluent Bit with {@code Merge_Log}). Envelope values go on the
 * event; the access line inside the envelope, if any, is left in {@link #lineBytes()} for the text stage.
 */
public final class JsonRecord {
    private static final int LOG = 100;
    private static final int TIME = 101;
    private static final int TIMESTAMP = 102;
    private static final int STREAM = 103;
    private static final int PARTIAL = 104;
    private static final int KUBERNETES = 105;

    private static final int POD_NAME = 200;
    private static final int NAMESPACE = 201;
    private static final int CONTAINER_NAME = 202;
    private static final int NODE_NAME = 203;
    private static final int LABELS = 204;
    private static final int POD = 205;
    private static final int CONTAINER = 206;
    private static final int NODE = 207;
    private static final int NAME = 208;

    private static final int APP = 300;
    private static final int VERSION = 301;

    private static final KeyTable TOP = new KeyTable()
            .put("log", LOG).put("message", LOG).put("time", TIME).put("@timestamp", TIMESTAMP)
            .put("stream", STREAM).put("_p", PARTIAL).put("kubernetes", KUBERNETES);
    private static final KeyTable KUBE = new KeyTable()
            .put("pod_name", POD_NAME).put("namespace_name", NAMESPACE).put("namespace", NAMESPACE)
            .put("container_name", CONTAINER_NAME).put("host", NODE_NAME).put("labels", LABELS)
            .put("pod", POD).put("container", CONTAINER).put("node", NODE)
            // Fluent Bit's other keys, known so that KeyOrder can expect them: they are skipped all the same.
            .put("pod_id", KeyTable.MISSING).put("annotations", KeyTable.MISSING).put("pod_ip", KeyTable.MISSING)
            .put("docker_id", KeyTable.MISSING).put("container_hash", KeyTable.MISSING)
            .put("container_image", KeyTable.MISSING);
    private static final KeyTable NAMED = new KeyTable().put("name", NAME);
    private static final KeyTable LABEL = new KeyTable()
            .put("app", APP).put("app.kubernetes.io/name", APP).put("service.istio.io/canonical-name", APP)
            .put("version", VERSION).put("app.kubernetes.io/version", VERSION)
            .put("service.istio.io/canonical-revision", VERSION).put("security.istio.io/tlsMode", KeyTable.MISSING);

    static {
        for (Field field : Field.values()) {
            if (field.isAccessLineField()) {
                TOP.put(field.jsonName(), field.ordinal());
            }
        }
    }

    private final JsonReader reader = new JsonReader();
    private final KeyOrder topKeys = new KeyOrder(TOP);
    private final KeyOrder kubernetesKeys = new KeyOrder(KUBE);
    private final KeyOrder labelKeys = new KeyOrder(LABEL);
    private final KeyOrder namedKeys = new KeyOrder(NAMED);
    private byte[] bytes;
    private byte[] lineBytes;
    private int lineStart;
    private int lineEnd;
    private boolean sawAccessField;
    private int errorOffset;

    /** The access line the envelope carried, or null. */
    public byte[] lineBytes() {
        return lineBytes;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    /** True when the object had Istio access-log keys of its own. */
    public boolean sawAccessField() {
        return sawAccessField;
    }

    /** Where reading failed. */
    public int errorOffset() {
        return errorOffset;
    }

    /**
     * Reads the object in {@code b[off, end)}. Returns {@link ParseStatus#OK} when the object was read,
     * {@link ParseStatus#BAD_JSON} when it is not well-formed and {@link ParseStatus#BAD_FIELD} when an access
     * key's value does not fit its type (the event says which).
     */
    public ParseStatus read(byte[] b, int off, int end, AccessEvent event) {
        bytes = b;
        lineBytes = null;
        sawAccessField = false;
        long timestampMillis = AccessEvent.NO_TIME;
        // Only read when there is no @timestamp: Fluent Bit sends both, and @timestamp is the cheaper one.
        int timeStart = -1;
        int timeEnd = -1;
        JsonReader r = reader.wrap(b, off, end);
        if (!r.enterObject()) {
            return fail(r);
        }
        KeyOrder keys = topKeys.restart();
        int k;
        while ((k = r.nextKey(TOP, keys.expected())) == JsonReader.STRING) {
            int id = keys.read(r, b);
            if (id == LOG && keepDecodedLine(event)) {
                continue;
            }
            int type = r.nextValue();
            if (type == JsonReader.ERROR) {
                return fail(r);
            }
            if (id == KUBERNETES && type == JsonReader.OBJECT) {
                if (!readKubernetes(event)) {
                    return fail(r);
                }
                continue;
            }
            if (type == JsonReader.ARRAY && id == Field.RESPONSE_FLAGS.ordinal()) {
                sawAccessField = true;
                if (!readFlagArray(event)) {
                    event.status(ParseStatus.BAD_FIELD, r.position() - off, Field.RESPONSE_FLAGS);
                    return ParseStatus.BAD_FIELD;
                }
                continue;
            }
            if (type == JsonReader.OBJECT || type == JsonReader.ARRAY) {
                if (id >= 0 && id < Field.COUNT) {
                    event.status(ParseStatus.BAD_FIELD, r.position() - off, Field.of(id));
                    return ParseStatus.BAD_FIELD;
                }
                if (!r.skipContainer(1)) {
                    return fail(r);
                }
                continue;
            }
            if (id == KeyTable.MISSING || type == JsonReader.NULL) {
                continue;
            }
            if (id < Field.COUNT) {
                sawAccessField = true;
                if (type == JsonReader.TRUE || type == JsonReader.FALSE || !setAccessField(Field.of(id), event)) {
                    event.status(ParseStatus.BAD_FIELD, r.tokenStart() - off, Field.of(id));
                    return ParseStatus.BAD_FIELD;
                }
                continue;
            }
            switch (id) {
                case LOG -> {
                    if (type == JsonReader.STRING) {
                        keepLine(event);
                    }
                }
                case TIMESTAMP -> timestampMillis = type == JsonReader.NUMBER
                        ? epochSecondsToMillis(b, r.tokenStart(), r.tokenEnd()) : isoMillis(b);
                case TIME -> {
                    timeStart = r.tokenStart();
                    timeEnd = r.tokenEnd();
                }
                case STREAM -> setEnvelopeText(Field.STREAM, event);
                case PARTIAL -> event.streamPartial(r.tokenEnd() - r.tokenStart() == 1 && b[r.tokenStart()] == 'P');
                default -> { }
            }
        }
        if (k == JsonReader.ERROR || !r.atEnd()) {
            return fail(r);
        }
        long envelopeMillis = timestampMillis != AccessEvent.NO_TIME || timeStart < 0
                ? timestampMillis : IsoTime.parseMillis(b, timeStart, timeEnd - timeStart);
        if (envelopeMillis != AccessEvent.NO_TIME) {
            // Istio JSON inside an envelope's log has no time of its own: the envelope's stays.
            event.envelopeTimeMillis(envelopeMillis);
        }
        return ParseStatus.OK;
    }

    private ParseStatus fail(JsonReader r) {
        errorOffset = r.position();
        return ParseStatus.BAD_JSON;
    }

    private boolean readKubernetes(AccessEvent event) {
        JsonReader r = reader;
        byte[] b = bytes;
        KeyOrder keys = kubernetesKeys.restart();
        int k;
        while ((k = r.nextKey(KUBE, keys.expected())) == JsonReader.STRING) {
            int id = keys.read(r, b);
            int type = r.nextValue();
            if (type == JsonReader.OBJECT) {
                boolean ok = switch (id) {
                    case LABELS -> readNested(labelKeys, event, null);
                    case POD -> readNested(namedKeys, event, Field.K8S_POD);
                    case CONTAINER -> readNested(namedKeys, event, Field.K8S_CONTAINER);
                    case NODE -> readNested(namedKeys, event, Field.K8S_NODE);
                    default -> r.skipContainer(2);
                };
                if (!ok) {
                    return false;
                }
            } else if (type == JsonReader.ARRAY) {
                if (!r.skipContainer(2)) {
                    return false;
                }
            } else if (type == JsonReader.ERROR) {
                return false;
            } else if (type == JsonReader.STRING) {
                switch (id) {
                    case POD_NAME -> setEnvelopeText(Field.K8S_POD, event);
                    case NAMESPACE -> setEnvelopeText(Field.K8S_NAMESPACE, event);
                    case CONTAINER_NAME -> setEnvelopeText(Field.K8S_CONTAINER, event);
                    case NODE_NAME -> setEnvelopeText(Field.K8S_NODE, event);
                    default -> { }
                }
            }
        }
        return k == JsonReader.END;
    }

    /** Reads a small object: labels (app/version) or Filebeat's {@code {"name": ...}} maps into {@code nameField}. */
    private boolean readNested(KeyOrder order, AccessEvent event, Field nameField) {
        JsonReader r = reader;
        byte[] b = bytes;
        KeyOrder keys = order.restart();
        int k;
        while ((k = r.nextKey(keys.table(), keys.expected())) == JsonReader.STRING) {
            int id = keys.read(r, b);
            int type = r.nextValue();
            if (type == JsonReader.OBJECT || type == JsonReader.ARRAY) {
                if (!r.skipContainer(3)) {
                    return false;
                }
            } else if (type == JsonReader.ERROR) {
                return false;
            } else if (type == JsonReader.STRING) {
                // The first of app / app.kubernetes.io/name / canonical-name wins: keys come in any order.
                Field target = id == NAME ? nameField : id == APP ? Field.K8S_APP : id == VERSION ? Field.K8S_VERSION : null;
                if (target != null && !event.has(target)) {
                    setEnvelopeText(target, event);
                }
            }
        }
        return k == JsonReader.END;
    }

    /**
     * {@code response_flags} as an array of codes, as MeshLens's own JSON output (and the access-event schema) writes
     * it: the codes are joined with commas in the event's arena, so the field reads as Istio's comma-separated text.
     */
    private boolean readFlagArray(AccessEvent event) {
        JsonReader r = reader;
        int start = event.arenaPosition();
        byte[] joined = event.arenaFor(0);
        int at = start;
        for (int type = r.nextElement(true); type != JsonReader.END; type = r.nextElement(false)) {
            if (type != JsonReader.STRING || r.tokenEnd() == r.tokenStart()) {
                return false;
            }
            int used = at - start;
            byte[] dst = event.arenaFor(used + 1 + r.tokenEnd() - r.tokenStart());
            if (dst != joined) {
                // The arena moved to a bigger array: carry the codes joined so far.
                System.arraycopy(joined, start, dst, 0, used);
                joined = dst;
                start = 0;
                at = used;
            }
            if (used > 0) {
                dst[at++] = ',';
            }
            at = JsonStrings.unescape(bytes, r.tokenStart(), r.tokenEnd(), dst, at);
            if (at < 0) {
                return false;
            }
        }
        event.arenaPosition(at);
        return event.set(Field.RESPONSE_FLAGS, joined, start, at - start);
    }

    private boolean setAccessField(Field field, AccessEvent event) {
        JsonReader r = reader;
        int start = r.tokenStart();
        int len = r.tokenEnd() - start;
        if (!r.tokenEscaped()) {
            return event.set(field, bytes, start, len);
        }
        byte[] dst = event.arenaFor(len);
        int at = event.arenaPosition();
        int endAt = JsonStrings.unescape(bytes, start, r.tokenEnd(), dst, at);
        if (endAt < 0) {
            return false;
        }
        event.arenaPosition(endAt);
        return event.set(field, dst, at, endAt - at);
    }

    private void setEnvelopeText(Field field, AccessEvent event) {
        JsonReader r = reader;
        int start = r.tokenStart();
        int len = r.tokenEnd() - start;
        if (!r.tokenEscaped()) {
            event.setRaw(field, bytes, start, len);
            return;
        }
        byte[] dst = event.arenaFor(len);
        int at = event.arenaPosition();
        int endAt = JsonStrings.unescape(bytes, start, r.tokenEnd(), dst, at);
        if (endAt >= 0) {
            event.arenaPosition(endAt);
            event.setRaw(field, dst, at, endAt - at);
        }
    }

    /**
     * Reads the envelope's line, when it is a string with valid escapes, decoding it in the pass that finds its end:
     * it is most of the record, and a search for its end and then a second pass to decode cost twice the reading.
     * Returns false, having read nothing, for any other value: {@link #keepLine(AccessEvent)} then decides as ever.
     */
    private boolean keepDecodedLine(AccessEvent event) {
        JsonReader r = reader;
        byte[] dst = event.arenaFor(r.remaining());
        int at = event.arenaPosition();
        int endAt = r.nextStringDecoded(dst, at);
        if (endAt < 0) {
            return false;
        }
        if (r.tokenEscaped()) {
            event.arenaPosition(endAt);
            keepLine(dst, at, endAt);
        } else {
            keepLine(bytes, r.tokenStart(), r.tokenEnd());
        }
        return true;
    }

    private void keepLine(AccessEvent event) {
        JsonReader r = reader;
        if (!r.tokenEscaped()) {
            keepLine(bytes, r.tokenStart(), r.tokenEnd());
            return;
        }
        int len = r.tokenEnd() - r.tokenStart();
        byte[] dst = event.arenaFor(len);
        int at = event.arenaPosition();
        int endAt = JsonStrings.unescape(bytes, r.tokenStart(), r.tokenEnd(), dst, at);
        if (endAt >= 0) {
            event.arenaPosition(endAt);
            keepLine(dst, at, endAt);
        }
    }

    private void keepLine(byte[] line, int start, int end) {
        lineBytes = line;
        lineStart = start;
        lineEnd = end;
    }

    private long isoMillis(byte[] b) {
        return IsoTime.parseMillis(b, reader.tokenStart(), reader.tokenEnd() - reader.tokenStart());
    }

    /** {@code 1795341600.123456} (Fluent Bit's default double timestamp) to millis, without parsing a double. */
    static long epochSecondsToMillis(byte[] b, int start, int end) {
        int dot = Bytes.indexOf(b, start, end, (byte) '.');
        int intEnd = dot < 0 ? end : dot;
        long seconds = Bytes.parseUnsigned(b, start, intEnd - start);
        if (seconds < 0) {
            return AccessEvent.NO_TIME;
        }
        int millis = 0;
        int scale = 100;
        for (int i = intEnd + 1; dot >= 0 && i < end && scale > 0; i++, scale /= 10) {
            if (!Bytes.isDigit(b[i])) {
                return AccessEvent.NO_TIME;
            }
            millis += scale * (b[i] - '0');
        }
        return seconds * 1000 + millis;
    }
}
