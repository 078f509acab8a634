package dev.meshlens.diagnosis;

import dev.meshlens.parser.event.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Words a rule looks for in a text field, ignoring ASCII case. One pass over the text: a position is tried
 * against the needles only when its byte can start one, so a long failure reason costs one table lookup a byte
 * however many needles there are (the TLS rule has eight, tried on three fields of every UF line).
 */
final class Needles {
    private final byte[][] lowerCase;
    private final boolean[] firstBytes = new boolean[256];

    private Needles(byte[][] lowerCase) {
        this.lowerCase = lowerCase;
        for (byte[] needle : lowerCase) {
            if (needle.length > 0) {
                firstBytes[needle[0] & 0xFF] = true;
            }
        }
    }

    static Needles of(List<String> values) {
        return new Needles(values.stream().map(v -> v.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new));
    }

    boolean isEmpty() {
        return lowerCase.length == 0;
    }

    /** Whether {@code text} (null: absent) contains any needle. */
    boolean foundIn(ByteView text) {
        if (text == null) {
            return false;
        }
        byte[] b = text.bytes();
        int end = text.offset() + text.length();
        for (byte[] needle : lowerCase) {
            if (needle.length == 0) {
                return true;
            }
        }
        for (int i = text.offset(); i < end; i++) {
            if (firstBytes[lower(b[i]) & 0xFF] && startsAt(b, i, end)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsAt(byte[] b, int at, int end) {
        outer:
        for (byte[] needle : lowerCase) {
            if (end - at < needle.length) {
                continue;
            }
            for (int k = 0; k < needle.length; k++) {
                if (lower(b[at + k]) != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
    }
}
