package dev.meshlens.parser.lines;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The strftime subset of {@code %START_TIME(...)%}, rendered with {@code java.time} so the parser's own time
 * code is checked against an independent one: {@code %Y %m %d %H %M %S %s %f %1f..%9f %z %%}.
 */
public final class Strftime {
    private Strftime() {
    }

    public static String format(long epochMillis, String pattern, ZoneOffset offset) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(offset);
        long nanos = t.getNano();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char spec = pattern.charAt(++i);
            int width = 9;
            if (spec >= '1' && spec <= '9') {
                width = spec - '0';
                spec = pattern.charAt(++i);
            }
            switch (spec) {
                case 'Y' -> out.append(digits(t.getYear(), 4));
                case 'm' -> out.append(digits(t.getMonthValue(), 2));
                case 'd' -> out.append(digits(t.getDayOfMonth(), 2));
                case 'H' -> out.append(digits(t.getHour(), 2));
                case 'M' -> out.append(digits(t.getMinute(), 2));
                case 'S' -> out.append(digits(t.getSecond(), 2));
                case 's' -> out.append(Math.floorDiv(epochMillis, 1000));
                case 'f' -> out.append(digits(nanos, 9), 0, width);
                case 'z' -> out.append(zone(offset));
                case '%' -> out.append('%');
                default -> throw new IllegalArgumentException("unsupported conversion %" + spec);
            }
        }
        return out.toString();
    }

    /** {@code +hhmm}, as strftime's {@code %z} writes it. */
    private static String zone(ZoneOffset offset) {
        int minutes = offset.getTotalSeconds() / 60;
        return (minutes < 0 ? "-" : "+") + digits(Math.abs(minutes) / 60, 2) + digits(Math.abs(minutes) % 60, 2);
    }

    /** {@code value} in decimal, zero-padded on the left to {@code width} digits. */
    public static String digits(long value, int width) {
        String text = Long.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    /** The millis the pattern keeps of {@code epochMillis}: whole seconds without a fraction, else its digits. */
    public static long keptMillis(long epochMillis, String pattern) {
        int at = pattern.indexOf('f');
        long unit = 1000;
        if (at > 0 && pattern.charAt(at - 1) == '%') {
            unit = 1;
        } else if (at > 1 && pattern.charAt(at - 2) == '%') {
            int digits = pattern.charAt(at - 1) - '0';
            unit = digits >= 3 ? 1 : (long) Math.pow(10, 3 - digits);
        }
        return Math.floorDiv(epochMillis, unit) * unit;
    }
}
