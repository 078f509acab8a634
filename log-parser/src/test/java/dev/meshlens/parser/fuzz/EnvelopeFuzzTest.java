package dev.meshlens.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.lines.Envelope;
import dev.meshlens.parser.lines.Origin;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Envelopes built the way their writers build them (Fluent Bit, Docker and Filebeat JSON records, CRI,
 * kubectl, stern, compose and {@code ACCESS } prefixes), one to three deep, around an access line the fuzzer
 * chooses: raw bytes would almost never get past the envelope's syntax to the line inside.
 */
class EnvelopeFuzzTest {
    static final int MAX_LAYERS = 3;
    static final int MAX_NAME = 40;
    /** 1990 to 2100: the range shippers stamp, and a little either side of what IsoTime must read. */
    static final long FIRST_MILLIS = 631_152_000_000L;
    static final long LAST_MILLIS = 4_102_444_800_000L;
    private static final Envelope[] ENVELOPES = Envelope.values();
    private static final AccessLogParser AUTO = AccessLogParser.auto();

    @FuzzTest(maxDuration = "15s")
    void envelopes(FuzzedDataProvider data) {
        Envelope[] layers = new Envelope[data.consumeInt(1, MAX_LAYERS)];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = ENVELOPES[data.consumeInt(0, ENVELOPES.length - 1)];
        }
        long millis = data.consumeLong(FIRST_MILLIS, LAST_MILLIS);
        Random escapingAndNoise = new Random(data.consumeInt());
        String pod = text(data.consumeBytes(data.consumeInt(0, MAX_NAME)));
        String container = text(data.consumeBytes(data.consumeInt(0, MAX_NAME)));
        String line = text(data.consumeRemainingAsBytes());
        Origin origin = new Origin(millis, "default", pod, container, "reviews", "v1", "node-1", "stdout");
        for (Envelope layer : layers) {
            line = layer.wrap(line, origin, escapingAndNoise).text();
        }
        byte[] record = line.getBytes(StandardCharsets.UTF_8);
        ParseInvariants.check(AUTO, record, 0, record.length);
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
