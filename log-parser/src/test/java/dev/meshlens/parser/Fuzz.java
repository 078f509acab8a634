package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

/**
 * Seeded, bounded runs of generated inputs through the parser, with the invariant every input must keep: one
 * status, never an exception, an event with a format name, or a rejection with a reason and an offset inside
 * the line. A failure names the seed and shows the input.
 */
final class Fuzz {
    /** A hang detector, not a speed target: each run finishes in well under a second of it. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @FunctionalInterface
    interface Case {
        void run(Random random, int index) throws Exception;
    }

    private Fuzz() {
    }

    static void run(String name, int cases, Case body) {
        long seed = Seeds.of("fuzz", name);
        assertTimeoutPreemptively(HANG, () -> {
            Random random = new Random(seed);
            for (int i = 0; i < cases; i++) {
                try {
                    body.run(random, i);
                } catch (Throwable t) {
                    throw new AssertionError(name + ": case " + i + " failed (" + Seeds.howToRepeat(seed) + ")", t);
                }
            }
        });
    }

    /** Parses {@code line} and checks the invariant; returns the status for further checks. */
    static ParseStatus parse(AccessLogParser parser, byte[] line, AccessEvent event, Random random) {
        ParseStatus status;
        try {
            status = ParseInput.parse(parser, line, event, random);
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw on " + preview(line), e);
        }
        assertTrue(status != null && status == event.status(), () -> "two statuses for " + preview(line));
        int at = event.errorOffset();
        boolean offsetInLine = at >= 0 && at <= line.length;
        boolean kept = switch (status) {
            case OK -> event.formatName() != null && at == -1;
            case PARTIAL -> event.formatName() != null && offsetInLine;
            default -> !status.reason().isEmpty() && offsetInLine;
        };
        assertTrue(kept, () -> status + " at " + at + " format " + event.formatName() + " for " + preview(line));
        return status;
    }

    static String preview(byte[] line) {
        String text = new String(line, 0, Math.min(line.length, 600), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(line.length + " bytes: ");
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.append(line.length > 600 ? "..." : "").toString();
    }
}
