package dev.meshlens.parser;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.lines.GeneratedFormat;
import java.util.List;
import java.util.Random;

/**
 * Hands a line to a parser from inside a larger array, between bytes that are not part of it, so a parser that
 * reads outside {@code [off, off + len)} or ignores {@code off} is caught.
 */
public final class ParseInput {
    private ParseInput() {
    }

    /** The parsers that must read {@code format}: forced to it, and {@code auto()} when it detects it. */
    public static List<AccessLogParser> parsersReading(GeneratedFormat format) {
        AccessLogParser forced = AccessLogParser.forFormat(format.parserSpec());
        return format.detected() ? List.of(AccessLogParser.auto(), forced) : List.of(forced);
    }

    public static ParseStatus parse(AccessLogParser parser, byte[] line, AccessEvent event, Random random) {
        int before = random.nextInt(17);
        byte[] buffer = new byte[before + line.length + random.nextInt(17)];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) "\"{[ 0x|\\".charAt(random.nextInt(8));
        }
        System.arraycopy(line, 0, buffer, before, line.length);
        return parser.parse(buffer, before, line.length, event);
    }
}
