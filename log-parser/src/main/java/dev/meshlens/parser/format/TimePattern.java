package dev.meshlens.parser.format;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.IsoTime;

/**
 * A compiled {@code %START_TIME(...)%} pattern: the strftime subset Envoy users write ({@code %Y %m %d %H %M
 * %S %s %f %1f..%9f %z %%} and literal text). Parses without allocating.
 */
public final class TimePattern {
    private static final char LITERAL = 'L';

    private final char[] kinds;
    private final int[] widths;
    private final byte[] literals;

    private TimePattern(char[] kinds, int[] widths, byte[] literals) {
        this.kinds = kinds;
        this.widths = widths;
        this.literals = literals;
    }

    public static TimePattern compile(String pattern) {
        int n = pattern.length();
        char[] kinds = new char[n];
        int[] widths = new int[n];
        byte[] literals = new byte[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                kinds[count] = LITERAL;
                literals[count++] = (byte) c;
                continue;
            }
            if (++i == n) {
                throw new IllegalArgumentException("START_TIME pattern ends with '%': " + pattern);
            }
            char spec = pattern.charAt(i);
            int width = 0;
            if (spec >= '1' && spec <= '9') {
                width = spec - '0';
                if (++i == n || pattern.charAt(i) != 'f') {
                    throw new IllegalArgumentException("only %Nf takes a width in START_TIME: " + pattern);
                }
                spec = 'f';
            }
            switch (spec) {
                case 'Y', 'm', 'd', 'H', 'M', 'S', 's', 'f', 'z' -> {
                    kinds[count] = spec;
                    widths[count++] = width == 0 && spec == 'f' ? 9 : width;
                }
                case '%' -> {
                    kinds[count] = LITERAL;
                    literals[count++] = '%';
                }
                default -> throw new IllegalArgumentException(
                        "START_TIME conversion %" + spec + " is not supported (supported: Y m d H M S s f Nf z %)");
            }
        }
        return new TimePattern(java.util.Arrays.copyOf(kinds, count), java.util.Arrays.copyOf(widths, count),
                java.util.Arrays.copyOf(literals, count));
    }

    /** Epoch millis of {@code b[off, off+len)}, or {@link AccessEvent#NO_TIME} when it does not fit. */
    public long parseMillis(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        long year = 1970;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long epochSeconds = Long.MIN_VALUE;
        int millis = 0;
        long offsetMinutes = 0;
        for (int k = 0; k < kinds.length; k++) {
            char kind = kinds[k];
            if (kind == LITERAL) {
                if (i >= end || b[i] != literals[k]) {
                    return AccessEvent.NO_TIME;
                }
                i++;
                continue;
            }
            if (kind == 'z') {
                if (i < end && b[i] == 'Z') {
                    i++;
                    continue;
                }
                if (end - i < 5 || (b[i] != '+' && b[i] != '-')) {
                    return AccessEvent.NO_TIME;
                }
                long hh = Bytes.parseUnsigned(b, i + 1, 2);
                int mmAt = b[i + 3] == ':' ? i + 4 : i + 3;
                long mm = mmAt + 2 <= end ? Bytes.parseUnsigned(b, mmAt, 2) : -1;
                if (hh < 0 || mm < 0) {
                    return AccessEvent.NO_TIME;
                }
                offsetMinutes = (b[i] == '-' ? -1 : 1) * (hh * 60 + mm);
                i = mmAt + 2;
                continue;
            }
            int start = i;
            int max = kind == 'Y' ? 4 : kind == 's' ? 12 : kind == 'f' ? widths[k] : 2;
            while (i < end && i - start < max && Bytes.isDigit(b[i])) {
                i++;
            }
            if (i == start) {
                return AccessEvent.NO_TIME;
            }
            long value = Bytes.parseUnsigned(b, start, i - start);
            switch (kind) {
                case 'Y' -> year = value;
                case 'm' -> month = (int) value;
                case 'd' -> day = (int) value;
                case 'H' -> hour = (int) value;
                case 'M' -> minute = (int) value;
                case 'S' -> second = (int) value;
                case 's' -> epochSeconds = value;
                default -> millis = fractionToMillis(value, i - start);
            }
        }
        if (i != end || month < 1 || month > 12 || day < 1 || day > IsoTime.daysInMonth(year, month) || hour > 23
                || minute > 59 || second > 60) {
            return AccessEvent.NO_TIME;
        }
        long seconds = epochSeconds != Long.MIN_VALUE ? epochSeconds
                : IsoTime.daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
        return (seconds - offsetMinutes * 60L) * 1_000L + millis;
    }

    private static int fractionToMillis(long value, int digits) {
        while (digits > 3) {
            value /= 10;
            digits--;
        }
        while (digits < 3) {
            value *= 10;
            digits++;
        }
        return (int) value;
    }
}
