package dev.meshlens.parser.lines;

import java.util.List;
import java.util.Random;

/** Valid lines of any generated format, in any envelope that can carry them: seeds for mutation. */
public final class ValidLines {
    private static final List<GeneratedFormat> FORMATS = GeneratedFormat.all();
    private static final Envelope[] ENVELOPES = Envelope.values();

    private ValidLines() {
    }

    /** A line of any format; {@link GeneratedFormat#detected()} says whether {@code auto()} must read it. */
    public static Wrapped any(Random random, GeneratedFormat format) {
        return inAnyEnvelope(random, format.render(Records.any(random), random).text());
    }

    public static Wrapped inAnyEnvelope(Random random, String text) {
        Envelope envelope;
        do {
            envelope = ENVELOPES[random.nextInt(ENVELOPES.length)];
        } while (!envelope.canCarry(text));
        return envelope.wrap(text, Origin.random(random), random);
    }

    public static GeneratedFormat anyFormat(Random random) {
        return FORMATS.get(random.nextInt(FORMATS.size()));
    }
}
