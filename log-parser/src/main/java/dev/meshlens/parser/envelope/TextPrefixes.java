package dev.meshlens.parser.envelope;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;
import java.nio.charset.StandardCharsets;

/**
 * Text put in front of an access line by whatever carried it: the CRI log format
 * ({@code <time> <stdout|stderr> <F|P> }), {@code kubectl logs --timestamps} and {@code --prefix}
 * ({@code [pod/NAME/CONTAINER] }), stern ({@code POD CONTAINER }), {@code docker compose logs} ({@code NAME | }),
 * and Ambassador's {@code ACCESS }. Each is stripped, and what it says (time, stream, pod) goes on the event.
 */
public final class TextPrefixes {
    /** How far into a line a prefix may reach. */
    static final int MAX_PREFIX = 512;
    /** How many prefixes may stand in front of one line (kubectl's two around CRI's, and so on). */
    public static final int MAX_PREFIXES = 4;

    private static final byte[] ACCESS = bytes("ACCESS ");
    private static final byte[] KUBECTL_POD = bytes("[pod/");
    private static final byte[] STDOUT = bytes("stdout");
    private static final byte[] STDERR = bytes("stderr");

    private TextPrefixes() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns where the access line starts in {@code b[off, end)}, after every recognised prefix. */
    public static int strip(byte[] b, int off, int end, AccessEvent event) {
        for (int round = 0; round < MAX_PREFIXES && off < end; round++) {
            int next = stripOne(b, off, end, event);
            if (next == off) {
                break;
            }
            off = next;
        }
        return off;
    }

    /** Returns where the line starts after the first prefix of {@code b[off, end)}, or {@code off} when none. */
    public static int stripOne(byte[] b, int off, int end, AccessEvent event) {
        if (Bytes.startsWith(b, off, end, ACCESS)) {
            return off + ACCESS.length;
        }
        if (Bytes.startsWith(b, off, end, KUBECTL_POD)) {
            return kubectlPrefix(b, off, end, event);
        }
        if (Bytes.isDigit(b[off])) {
            int after = leadingTimestamp(b, off, end, event);
            if (after != off) {
                return after;
            }
        }
        byte first = b[off];
        if (first == '[' || first == '{' || first == '"') {
            return off;
        }
        return freeFormPrefix(b, off, end, event);
    }

    /** {@code <RFC 3339 time> } and, for CRI, {@code <stdout|stderr> <F|P> } after it. */
    private static int leadingTimestamp(byte[] b, int off, int end, AccessEvent event) {
        int space = Bytes.indexOf(b, off, Math.min(end, off + 40), (byte) ' ');
        if (space < 0) {
            return off;
        }
        long millis = IsoTime.parseMillis(b, off, space - off);
        if (millis == AccessEvent.NO_TIME) {
            return off;
        }
        event.envelopeTimeMillis(millis);
        int p = space + 1;
        if (end - p >= 9 && (Bytes.startsWith(b, p, end, STDOUT) || Bytes.startsWith(b, p, end, STDERR))
                && b[p + 6] == ' ' && (b[p + 7] == 'F' || b[p + 7] == 'P') && b[p + 8] == ' ') {
            event.setRaw(Field.STREAM, b, p, 6);
            event.streamPartial(b[p + 7] == 'P');
            return p + 9;
        }
        return p;
    }

    /** {@code [pod/NAME/CONTAINER] }. */
    private static int kubectlPrefix(byte[] b, int off, int end, AccessEvent event) {
        int close = Bytes.indexOf(b, off, Math.min(end, off + MAX_PREFIX), (byte) ']');
        if (close < 0 || close + 1 >= end || b[close + 1] != ' ') {
            return off;
        }
        int nameStart = off + KUBECTL_POD.length;
        int slash = Bytes.indexOf(b, nameStart, close, (byte) '/');
        if (slash > nameStart) {
            event.setRaw(Field.K8S_POD, b, nameStart, slash - nameStart);
            event.setRaw(Field.K8S_CONTAINER, b, slash + 1, close - slash - 1);
        }
        return close + 2;
    }

    /**
     * Anything before the {@code [YYYY-} or {@code {"} that opens an access line, when it holds no quote: stern's
     * {@code POD CONTAINER }, compose's {@code NAME | } (optionally with a timestamp).
     */
    private static int freeFormPrefix(byte[] b, int off, int end, AccessEvent event) {
        int limit = Math.min(end - 6, off + MAX_PREFIX);
        for (int i = off + 1; i < limit; i++) {
            byte c = b[i];
            if (c == '"') {
                return off;
            }
            if (c == '{' && b[i - 1] == ' ' && b[i + 1] == '"') {
                // Istio's JSON encoding behind the same prefixes.
                readPrefixWords(b, off, i - 1, event);
                return i;
            }
            if (c == '[' && b[i - 1] == ' ' && Bytes.isDigit(b[i + 1]) && Bytes.isDigit(b[i + 2])
                    && Bytes.isDigit(b[i + 3]) && Bytes.isDigit(b[i + 4]) && b[i + 5] == '-') {
                readPrefixWords(b, off, i - 1, event);
                return i;
            }
        }
        return off;
    }

    /** Stern writes exactly {@code POD CONTAINER}; a trailing RFC 3339 word is a timestamp (compose -t). */
    private static void readPrefixWords(byte[] b, int off, int end, AccessEvent event) {
        int lastSpace = end - 1;
        while (lastSpace >= off && b[lastSpace] != ' ') {
            lastSpace--;
        }
        long millis = IsoTime.parseMillis(b, lastSpace + 1, end - lastSpace - 1);
        if (millis != AccessEvent.NO_TIME) {
            event.envelopeTimeMillis(millis);
            return;
        }
        int firstSpace = Bytes.indexOf(b, off, end, (byte) ' ');
        if (firstSpace > off && firstSpace == lastSpace && Bytes.indexOf(b, off, end, (byte) '|') < 0) {
            event.setRaw(Field.K8S_POD, b, off, firstSpace - off);
            event.setRaw(Field.K8S_CONTAINER, b, firstSpace + 1, end - firstSpace - 1);
        }
    }
}
