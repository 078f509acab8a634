package dev.meshlens.app.serving;

import dev.meshlens.app.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code from}/{@code to} of a query: ISO-8601 instants, relative forms ({@code -15m}, {@code -2h},
 * {@code now}), by default the last 15 minutes. Bounded by the store's retention, so no query scans more
 * than the store keeps.
 */
public record TimeRange(Instant from, Instant to) {
    static final Duration DEFAULT_SPAN = Duration.ofMinutes(15);
    /** The instants the store (Kafka timestamps, never negative) and the answers' timestamps can hold. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    public static TimeRange parse(String from, String to, Instant now, Duration maxSpan) {
        Instant end = to == null || to.isBlank() ? now : instant("to", to, now);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_SPAN) : instant("from", from, now);
        if (!start.isBefore(end)) {
            throw ApiException.badParameter("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ApiException.badParameter("from", "the range may span at most " + maxSpan + " (the store's retention)");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String text, Instant now) {
        if (text.length() > 40) {
            throw ApiException.badParameter(name, name + " is too long");
        }
        if (text.equals("now")) {
            return now;
        }
        Instant instant;
        try {
            instant = text.startsWith("-") ? now.minus(Durations.parse(text.substring(1))) : Instant.parse(text);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw ApiException.badParameter(name, name + " must be an ISO-8601 instant (2026-11-20T10:42:00Z), "
                    + "a relative time (-15m, -2h) or now");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badParameter(name, name + " must be in the years 1970 to 9999");
        }
        return instant;
    }
}
