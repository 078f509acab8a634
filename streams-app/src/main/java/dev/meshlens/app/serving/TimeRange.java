package dev.meshlens.app.serving;

import dev.meshlens.app.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code from}/{@code to} of a query: ISO-8601 instants, relative forms ({@code -15m}, {@code -2h},
 * {@code now}), by default the last 15 minutes. Bounded by the store's retention, so no query scans more
 * than the store keeps.
 */
public record TimeRange(Instant from, Instant to) {
    static final Duration DEFAULT_SPAN = Duration.ofMinutes(15);

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
        try {
            if (text.startsWith("-")) {
                return now.minus(Durations.parse(text.substring(1)));
            }
            return Instant.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw ApiException.badParameter(name, name + " must be an ISO-8601 instant (2026-11-20T10:42:00Z), "
                    + "a relative time (-15m, -2h) or now");
        }
    }
}
