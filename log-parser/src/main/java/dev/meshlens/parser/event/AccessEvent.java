package dev.meshlens.parser.event;

import java.util.Arrays;

/**
 * One decoded access-log record, as a flyweight: the parser resets and refills the same instance for every
 * line. Text fields are windows on the input bytes (or on this event's arena, for values that had to be
 * unescaped); numbers, time and flags are decoded into primitives. Nothing here allocates per line once
 * the arena has grown to the largest line seen.
 */
public final class AccessEvent {
    /** Value of absent numbers ({@code -} in text, {@code null} in JSON). */
    public static final long ABSENT = -1L;
    /** Value of an absent start time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * The arrays field values live in (the line, the arena, an older arena), numbered: fields keep a number,
     * not a reference, because a reference store per field costs a GC write barrier.
     */
    private byte[][] sources = new byte[8][];
    private int sourceCount;
    private final byte[] sourceOf = new byte[Field.COUNT];
    /** Each field's offset (high half) and length (low half): one store per field instead of two. */
    private final long[] spans = new long[Field.COUNT];
    /** Bit {@code ordinal} set for every field present: clearing the line is one store, not a loop. */
    private long present;
    private final ByteView[] views = new ByteView[Field.COUNT];

    private long startTimeMillis;
    private long envelopeTimeMillis;
    private int responseCode;
    private long responseFlags;
    private long bytesReceived;
    private long bytesSent;
    private long duration;
    private long upstreamServiceTime;
    private int clusterPort;
    /**
     * True while UPSTREAM_CLUSTER is set but not yet split into direction, port, subset and host: the split
     * never rejects a line, so it waits for the first reader of a part (most consumers read none).
     */
    private boolean clusterSplitPending;
    private boolean streamPartial;

    private ParseStatus status;
    private int errorOffset;
    private Field errorField;
    private String formatName;

    private byte[] arena = new byte[4096];
    private int arenaPosition;

    static {
        if (Field.COUNT > Long.SIZE) {
            throw new ExceptionInInitializerError("present is a long: at most 64 fields, not " + Field.COUNT);
        }
    }

    public AccessEvent() {
        for (int i = 0; i < Field.COUNT; i++) {
            views[i] = new ByteView();
        }
        reset();
    }

    /** Clears every field; called by the parser before each record. */
    public void reset() {
        present = 0;
        resetAccessLine();
        envelopeTimeMillis = NO_TIME;
        streamPartial = false;
        status = ParseStatus.EMPTY;
        errorOffset = -1;
        errorField = null;
        formatName = null;
        arenaPosition = 0;
        sourceCount = 0;
    }

    /** Clears the access-line fields only, keeping what the envelope set; used between format attempts. */
    public void resetAccessLine() {
        present &= ENVELOPE_FIELDS;
        startTimeMillis = NO_TIME;
        responseCode = -1;
        responseFlags = 0;
        bytesReceived = ABSENT;
        bytesSent = ABSENT;
        duration = ABSENT;
        upstreamServiceTime = ABSENT;
        clusterPort = -1;
        clusterSplitPending = false;
    }

    /** The fields an envelope sets, which survive {@link #resetAccessLine()}. */
    private static final long ENVELOPE_FIELDS = Arrays.stream(Field.values())
            .filter(field -> field.kind() == Field.Kind.ENVELOPE).mapToLong(field -> 1L << field.ordinal())
            .reduce(0L, (a, b) -> a | b);

    // ---------------------------------------------------------------- reading

    public ParseStatus status() {
        return status;
    }

    /** Byte offset (within the record) where decoding stopped, for rejected and partial records; else -1. */
    public int errorOffset() {
        return errorOffset;
    }

    /** The field whose value did not fit, for {@link ParseStatus#BAD_FIELD} and partial records; else null. */
    public Field errorField() {
        return errorField;
    }

    /** Name of the format that decoded the line ({@code istio-1.9}, {@code json}, a custom format's name). */
    public String formatName() {
        return formatName;
    }

    public boolean has(Field field) {
        splitClusterIfDerived(field);
        return isPresent(field.ordinal());
    }

    /** The field's text, or null when absent. The view is reused: read it before the next line. */
    public ByteView text(Field field) {
        splitClusterIfDerived(field);
        int i = field.ordinal();
        return isPresent(i) ? views[i].wrap(sources[sourceOf[i]], (int) (spans[i] >>> 32), (int) spans[i]) : null;
    }

    private boolean isPresent(int ordinal) {
        return (present & (1L << ordinal)) != 0;
    }

    public long startTimeMillis() {
        return startTimeMillis;
    }

    /** The shipper's timestamp (Fluent Bit {@code @timestamp}, CRI/docker {@code time}), or {@link #NO_TIME}. */
    public long envelopeTimeMillis() {
        return envelopeTimeMillis;
    }

    /** START_TIME when the line has one, else the envelope's time, else {@link #NO_TIME}. */
    public long eventTimeMillis() {
        return startTimeMillis != NO_TIME ? startTimeMillis : envelopeTimeMillis;
    }

    /** HTTP status; {@code 0} on TCP lines and when no response was sent; {@code -1} when absent. */
    public int responseCode() {
        return responseCode;
    }

    /** Bit set of {@link ResponseFlag}s. */
    public long responseFlags() {
        return responseFlags;
    }

    public boolean hasFlag(ResponseFlag flag) {
        return flag.isSet(responseFlags);
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long bytesSent() {
        return bytesSent;
    }

    /** Total duration in milliseconds, or {@link #ABSENT}. */
    public long duration() {
        return duration;
    }

    /** {@code x-envoy-upstream-service-time} in milliseconds, or {@link #ABSENT}. */
    public long upstreamServiceTime() {
        return upstreamServiceTime;
    }

    /** Port from the upstream cluster name, or -1. */
    public int clusterPort() {
        splitCluster();
        return clusterPort;
    }

    /** True when the container runtime marked the line partial (CRI {@code P}). */
    public boolean streamPartial() {
        return streamPartial;
    }

    // ---------------------------------------------------------------- writing (parser side)

    public void status(ParseStatus status, int errorOffset, Field errorField) {
        this.status = status;
        this.errorOffset = errorOffset;
        this.errorField = errorField;
    }

    public void formatName(String formatName) {
        this.formatName = formatName;
    }

    public void envelopeTimeMillis(long millis) {
        this.envelopeTimeMillis = millis;
    }

    public void streamPartial(boolean partial) {
        this.streamPartial = partial;
    }

    /** Sets a field without conversion (envelope and derived fields). Empty values are absent. */
    public void setRaw(Field field, byte[] src, int off, int len) {
        if (len <= 0) {
            return;
        }
        int i = field.ordinal();
        sourceOf[i] = sourceId(src);
        spans[i] = span(off, len);
        present |= 1L << i;
    }

    /**
     * The number under which values from {@code src} are kept, for {@link #setText(int, int, int, int)}: a
     * matcher looks it up once per line instead of once per field.
     */
    public byte sourceId(byte[] src) {
        for (int k = 0; k < sourceCount; k++) {
            if (sources[k] == src) {
                return (byte) k;
            }
        }
        if (sourceCount == sources.length) {
            // Only a record whose arena regrew many times gets here; the arena doubles, so ids stay small.
            sources = Arrays.copyOf(sources, sources.length * 2);
        }
        sources[sourceCount] = src;
        return (byte) sourceCount++;
    }

    /**
     * Sets an access-line field from its text, converting numbers, time, flags and the cluster name.
     * {@code -} and empty text mean absent. Returns false when the text does not fit the field's type.
     */
    public boolean set(Field field, byte[] src, int off, int len) {
        if (isAbsent(src, off, len)) {
            return true;
        }
        if (field.kind() != Field.Kind.TEXT && !convert(field, src, off, len)) {
            return false;
        }
        setRaw(field, src, off, len);
        return true;
    }

    /**
     * Sets a present (not {@code -}, not empty) field of kind {@link Field.Kind#TEXT}, by ordinal, from the
     * array numbered {@code source}: most fields of a line are text, and this is small enough to inline into
     * the matcher.
     */
    public void setText(int ordinal, int source, int off, int len) {
        sourceOf[ordinal] = (byte) source;
        spans[ordinal] = span(off, len);
        present |= 1L << ordinal;
    }

    private static long span(int off, int len) {
        return (long) off << 32 | len;
    }

    private static boolean isAbsent(byte[] src, int off, int len) {
        return len == 0 || (len == 1 && src[off] == '-');
    }

    private boolean convert(Field field, byte[] src, int off, int len) {
        switch (field.kind()) {
            case NUMBER:
                return convertNumber(field, src, off, len);
            case FLAGS: {
                long flags = ResponseFlags.parse(src, off, len);
                if (flags == ResponseFlags.INVALID) {
                    return false;
                }
                responseFlags = flags;
                return true;
            }
            case TIME: {
                long millis = IsoTime.parseMillis(src, off, len);
                if (millis == NO_TIME) {
                    return false;
                }
                startTimeMillis = millis;
                return true;
            }
            case CLUSTER:
                clusterSplitPending = true;
                return true;
            default:
                return true;
        }
    }

    /** Sets START_TIME from an already decoded value (custom time formats). */
    public void setStartTime(long millis, byte[] src, int off, int len) {
        startTimeMillis = millis;
        setRaw(Field.START_TIME, src, off, len);
    }

    /** Sets START_TIME from its decoded value and its text in the array numbered {@code source}. */
    public void setStartTime(long millis, int source, int off, int len) {
        startTimeMillis = millis;
        setText(Field.START_TIME.ordinal(), source, off, len);
    }

    /** Sets a flags field from its decoded bits and its text in the array numbered {@code source}. */
    public void setFlags(Field field, long flags, int source, int off, int len) {
        responseFlags = flags;
        setText(field.ordinal(), source, off, len);
    }

    /** Sets the upstream cluster from its text in the array numbered {@code source}; split on first read. */
    public void setCluster(Field field, int source, int off, int len) {
        clusterSplitPending = true;
        setText(field.ordinal(), source, off, len);
    }

    /** Sets a number field from a decoded value (typed JSON). */
    public void setNumber(Field field, long value, byte[] src, int off, int len) {
        storeNumber(field, value);
        setRaw(field, src, off, len);
    }

    /** Sets a present number field from its decoded value and its text in the array numbered {@code source}. */
    public void setNumber(Field field, long value, int source, int off, int len) {
        storeNumber(field, value);
        setText(field.ordinal(), source, off, len);
    }

    private void storeNumber(Field field, long value) {
        switch (field) {
            case RESPONSE_CODE -> responseCode = (int) value;
            case BYTES_RECEIVED -> bytesReceived = value;
            case BYTES_SENT -> bytesSent = value;
            case DURATION -> duration = value;
            case UPSTREAM_SERVICE_TIME -> upstreamServiceTime = value;
            default -> throw new IllegalArgumentException(field + " is not a number");
        }
    }

    private boolean convertNumber(Field field, byte[] src, int off, int len) {
        long value = Bytes.parseUnsigned(src, off, len);
        if (value < 0 && field == Field.UPSTREAM_SERVICE_TIME) {
            // Envoy copies the upstream's header verbatim; a list ("12, 13") is legal there. Keep the first.
            int comma = Bytes.indexOf(src, off, off + len, (byte) ',');
            value = comma > off ? Bytes.parseUnsigned(src, off, comma - off) : -1;
        }
        if (value < 0 || (field == Field.RESPONSE_CODE && value > 999)) {
            return false;
        }
        storeNumber(field, value);
        return true;
    }

    private void splitClusterIfDerived(Field field) {
        if (field.kind() == Field.Kind.DERIVED) {
            splitCluster();
        }
    }

    private void splitCluster() {
        if (clusterSplitPending) {
            clusterSplitPending = false;
            int i = Field.UPSTREAM_CLUSTER.ordinal();
            ClusterName.split(this, sources[sourceOf[i]], (int) (spans[i] >>> 32), (int) spans[i]);
        }
    }

    void clusterPort(int port) {
        this.clusterPort = port;
    }

    // ---------------------------------------------------------------- arena for unescaped values

    /** Makes room for {@code length} more bytes in the arena and returns the array to write into. */
    public byte[] arenaFor(int length) {
        if (arenaPosition + length > arena.length) {
            // Earlier fields keep pointing into the old array, so a fresh one needs no copy.
            arena = new byte[Math.max(arena.length * 2, length + 64)];
            arenaPosition = 0;
        }
        return arena;
    }

    public int arenaPosition() {
        return arenaPosition;
    }

    public void arenaPosition(int position) {
        this.arenaPosition = position;
    }
}
