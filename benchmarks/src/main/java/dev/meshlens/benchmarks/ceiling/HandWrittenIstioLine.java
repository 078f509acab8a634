package dev.meshlens.benchmarks.ceiling;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;

/**
 * The Istio 1.9+ default line read by straight-line code written for that one layout: the same word-at-a-time
 * searches, conversions and event stores as MeshLens's compiled {@code LogFormat}, without its per-token
 * interpretation. Not a parser: it knows one format, assumes Istio's ISO start time and reports no error
 * offset. It measures two ceilings: what a matcher generated per format string could reach at best, and
 * (without stores) what finding the field ends alone costs, which no decoder of every field can go below.
 */
public final class HandWrittenIstioLine {
    private static final int ISO_TIME_LENGTH = 24;
    private static final Field[] NUMBERS = {Field.BYTES_RECEIVED, Field.BYTES_SENT, Field.DURATION,
            Field.UPSTREAM_SERVICE_TIME};
    private static final Field[] QUOTED = {Field.X_FORWARDED_FOR, Field.USER_AGENT, Field.REQUEST_ID,
            Field.AUTHORITY, Field.UPSTREAM_HOST};
    private static final Field[] ADDRESSES = {Field.UPSTREAM_LOCAL_ADDRESS, Field.DOWNSTREAM_LOCAL_ADDRESS,
            Field.DOWNSTREAM_REMOTE_ADDRESS, Field.REQUESTED_SERVER_NAME};

    private final boolean decode;
    private byte[] b;
    private int end;
    private AccessEvent event;
    private int source;

    private HandWrittenIstioLine(boolean decode) {
        this.decode = decode;
    }

    /** Finds, converts and stores every field, as MeshLens does. */
    public static HandWrittenIstioLine decoding() {
        return new HandWrittenIstioLine(true);
    }

    /** Finds every field's end and nothing else. */
    public static HandWrittenIstioLine fieldEndsOnly() {
        return new HandWrittenIstioLine(false);
    }

    /** Reads {@code line[off, end)} into {@code event}; false when the line is not an Istio 1.9+ default line. */
    public boolean read(byte[] line, int off, int end, AccessEvent event) {
        this.b = line;
        this.end = end;
        this.event = event;
        if (decode) {
            event.reset();
            source = event.sourceId(line);
        }
        int p = off + 1;
        int timeEnd = p + ISO_TIME_LENGTH;
        if (line[off] != '[' || timeEnd + 2 >= end || line[timeEnd] != ']' || line[timeEnd + 2] != '"'
                || !time(p)) {
            return false;
        }
        p = text(timeEnd + 3, Field.METHOD);
        p = text(p, Field.PATH);
        int q = p < 0 ? -1 : Bytes.indexOfSpaceOrQuote(line, p, end);
        if (q < 0 || q + 1 >= end || line[q] != '"' || line[q + 1] != ' ') {
            return false;
        }
        store(Field.PROTOCOL, p, q);
        p = number(q + 2, Field.RESPONSE_CODE);
        p = converted(p, Field.RESPONSE_FLAGS);
        p = text(p, Field.RESPONSE_CODE_DETAILS);
        p = text(p, Field.CONNECTION_TERMINATION_DETAILS);
        p = quoted(p, Field.UPSTREAM_TRANSPORT_FAILURE_REASON);
        for (Field field : NUMBERS) {
            p = number(p, field);
        }
        for (Field field : QUOTED) {
            p = quoted(p, field);
        }
        p = converted(p, Field.UPSTREAM_CLUSTER);
        for (Field field : ADDRESSES) {
            p = text(p, field);
        }
        if (p < 0 || Bytes.indexOfSpaceOrQuote(line, p, end) >= 0) {
            return false;
        }
        store(Field.ROUTE_NAME, p, end);
        return true;
    }

    private boolean time(int at) {
        if (!decode) {
            return true;
        }
        long millis = IsoTime.parseMillis(b, at, ISO_TIME_LENGTH);
        event.setStartTime(millis, b, at, ISO_TIME_LENGTH);
        return millis != AccessEvent.NO_TIME;
    }

    /** The end of the unquoted value at {@code p}, which a space must follow; -1 when it is not there. */
    private int valueEnd(int p) {
        int q = p < 0 ? -1 : Bytes.indexOfSpaceOrQuote(b, p, end);
        return q >= 0 && b[q] == ' ' ? q : -1;
    }

    private int text(int p, Field field) {
        int q = valueEnd(p);
        if (q < 0) {
            return -1;
        }
        store(field, p, q);
        return q + 1;
    }

    private void store(Field field, int from, int to) {
        if (decode && to > from && !(to - from == 1 && b[from] == '-')) {
            event.setText(field.ordinal(), source, from, to - from);
        }
    }

    private int number(int p, Field field) {
        int q = valueEnd(p);
        if (q < 0) {
            return -1;
        }
        if (decode && !(q - p == 1 && b[p] == '-')) {
            long value = Bytes.parseUnsigned(b, p, q - p);
            if (value < 0) {
                return -1;
            }
            event.setNumber(field, value, source, p, q - p);
        }
        return q + 1;
    }

    /** Flags and the cluster name, through the event's own conversion. */
    private int converted(int p, Field field) {
        int q = valueEnd(p);
        if (q < 0 || decode && !event.set(field, b, p, q - p)) {
            return -1;
        }
        return q + 1;
    }

    /** A {@code "value" } pair at {@code p}. */
    private int quoted(int p, Field field) {
        if (p < 0 || b[p] != '"') {
            return -1;
        }
        int q = Bytes.indexOfQuote(b, p + 1, end);
        if (q < 0 || q + 1 >= end || b[q + 1] != ' ') {
            return -1;
        }
        store(field, p + 1, q);
        return q + 2;
    }
}
