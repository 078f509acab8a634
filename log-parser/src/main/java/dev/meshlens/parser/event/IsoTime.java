package dev.meshlens.parser.event;

/**
 * RFC 3339 / ISO-8601 timestamps to epoch milliseconds and back, on bytes, without {@code java.time}
 * (which allocates per call). Accepts any number of fraction digits and {@code Z}, {@code +hh:mm},
 * {@code +hhmm} or no zone (UTC).
 */
public final class IsoTime {
    private IsoTime() {
    }

    /** Epoch millis of the timestamp in {@code b[off, off+len)}, or {@link AccessEvent#NO_TIME}. */
    public static long parseMillis(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 19 || b[off + 4] != '-' || b[off + 7] != '-' || (b[off + 10] != 'T' && b[off + 10] != ' ')
                || b[off + 13] != ':' || b[off + 16] != ':') {
            return AccessEvent.NO_TIME;
        }
        int year = digits(b, off, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        int hour = digits(b, off + 11, 2);
        int minute = digits(b, off + 14, 2);
        int second = digits(b, off + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
            return AccessEvent.NO_TIME;
        }
        int i = off + 19;
        int millis = 0;
        if (i < end && (b[i] == '.' || b[i] == ',')) {
            i++;
            int scale = 100;
            int start = i;
            while (i < end && Bytes.isDigit(b[i])) {
                millis += scale * (b[i] - '0');
                scale /= 10;
                i++;
            }
            if (i == start) {
                return AccessEvent.NO_TIME;
            }
        }
        long offsetMinutes = 0;
        if (i < end) {
            byte z = b[i];
            if (z == 'Z' || z == 'z') {
                i++;
            } else if (z == '+' || z == '-') {
                int hh = end - i >= 3 ? digits(b, i + 1, 2) : -1;
                int mmAt = i + 3 < end && b[i + 3] == ':' ? i + 4 : i + 3;
                int mm = end - mmAt >= 2 ? digits(b, mmAt, 2) : -1;
                if (hh < 0 || mm < 0) {
                    return AccessEvent.NO_TIME;
                }
                offsetMinutes = (z == '-' ? -1 : 1) * (hh * 60L + mm);
                i = mmAt + 2;
            }
        }
        if (i != end) {
            return AccessEvent.NO_TIME;
        }
        long days = daysFromCivil(year, month, day);
        long seconds = days * 86_400L + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
        return seconds * 1_000L + millis;
    }

    private static int digits(byte[] b, int off, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            byte c = b[off + i];
            if (!Bytes.isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Length of the month in the proleptic Gregorian calendar; month in 1..12. */
    public static int daysInMonth(long year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    public static long daysFromCivil(long year, int month, int day) {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yearOfEra = year - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Length of what {@link #format} writes. */
    public static final int FORMATTED_LENGTH = 24;

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC) as a String, for reports and APIs (allocates). */
    public static String toString(long epochMillis) {
        byte[] text = new byte[FORMATTED_LENGTH];
        format(epochMillis, text, 0);
        return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC) at {@code dst[off]}; years 0-9999 only. */
    public static void format(long epochMillis, byte[] dst, int off) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        long z = days + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        put(dst, off, (int) year, 4);
        dst[off + 4] = '-';
        put(dst, off + 5, month, 2);
        dst[off + 7] = '-';
        put(dst, off + 8, day, 2);
        dst[off + 10] = 'T';
        put(dst, off + 11, (int) (msOfDay / 3_600_000), 2);
        dst[off + 13] = ':';
        put(dst, off + 14, (int) (msOfDay / 60_000 % 60), 2);
        dst[off + 16] = ':';
        put(dst, off + 17, (int) (msOfDay / 1_000 % 60), 2);
        dst[off + 19] = '.';
        put(dst, off + 20, (int) (msOfDay % 1_000), 3);
        dst[off + 23] = 'Z';
    }

    private static void put(byte[] dst, int off, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            dst[off + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
