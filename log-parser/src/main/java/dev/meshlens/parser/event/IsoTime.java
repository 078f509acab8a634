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
        if (len < 19) {
            return AccessEvent.NO_TIME;
        }
        // yyyy-MM-ddTHH:mm:ss read as three overlapping words, each byte XOR '0': digits become 0-9.
        long date = Bytes.word(b, off) ^ ZEROS;
        long dayAndT = Bytes.word(b, off + 8) ^ ZEROS;
        long time = Bytes.word(b, off + 11) ^ ZEROS;
        byte t = (byte) ((dayAndT >>> 16) ^ '0');
        if ((date & DATE_DASHES) != ('-' ^ '0') * DATE_DASHES_ONES || (t != 'T' && t != ' ')
                || (time & TIME_COLONS) != (':' ^ '0') * TIME_COLONS_ONES
                || !allDigits(date & DATE_DIGITS) || !allDigits(dayAndT & DAY_DIGITS) || !allDigits(time & TIME_DIGITS)) {
            return AccessEvent.NO_TIME;
        }
        int year = twoDigits(date, 0) * 100 + twoDigits(date, 2);
        int month = twoDigits(date, 5);
        int day = twoDigits(dayAndT, 0);
        int hour = twoDigits(time, 0);
        int minute = twoDigits(time, 3);
        int second = twoDigits(time, 6);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
                || second > 60) {
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

    private static final long ZEROS = '0' * 0x0101010101010101L;
    /** Bytes 4 and 7 of {@code yyyy-MM-}, and a one in each. */
    private static final long DATE_DASHES = 0xFF0000FF00000000L;
    private static final long DATE_DASHES_ONES = 0x0100000100000000L;
    private static final long DATE_DIGITS = 0x00FFFF00FFFFFFFFL;
    /** Bytes 0 and 1 of {@code ddTHH:mm}. */
    private static final long DAY_DIGITS = 0x000000000000FFFFL;
    /** Bytes 2 and 5 of {@code HH:mm:ss}, and a one in each. */
    private static final long TIME_COLONS = 0x0000FF0000FF0000L;
    private static final long TIME_COLONS_ONES = 0x0000010000010000L;
    private static final long TIME_DIGITS = 0xFFFF00FFFF00FFFFL;

    /**
     * True when every byte of {@code v} is 0-9 (bytes outside the digit mask are 0). A byte above 9 sets its
     * high bit in {@code v + 0x76}; a carry out of a byte only comes from one that already failed.
     */
    private static boolean allDigits(long v) {
        return ((v | (v + 0x7676767676767676L)) & 0x8080808080808080L) == 0;
    }

    /** The two digit values at bytes {@code at} and {@code at + 1} of {@code v}, as a number. */
    private static int twoDigits(long v, int at) {
        return (int) ((v >>> (at << 3)) & 0xFF) * 10 + (int) ((v >>> ((at + 1) << 3)) & 0xFF);
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
