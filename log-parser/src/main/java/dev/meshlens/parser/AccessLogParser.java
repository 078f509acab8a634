package dev.meshlens.parser;

import dev.meshlens.parser.envelope.TextPrefixes;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.format.LogFormat;
import dev.meshlens.parser.format.Presets;
import dev.meshlens.parser.json.JsonRecord;
import java.util.List;

/**
 * Decodes one record (a log line, or a shipper's record around one) into an {@link AccessEvent}:
 * envelope, then prefixes, then the access line itself, text or JSON. Not thread-safe: use one per thread,
 * with one reusable event. Never throws on input: every outcome is a {@link ParseStatus}.
 */
public final class AccessLogParser {
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;
    private static final int MAX_ENVELOPE_DEPTH = 2;
    private static final byte[] DOUBLED_QUOTE = {'"', '"'};

    private final LogFormat[] formats;
    private final boolean acceptsJson;
    private final boolean opensWithValue;
    private final int maxLineLength;
    private final JsonRecord json = new JsonRecord();
    /** The format that matched last: lines of one stream share a format, so it is tried first. */
    private int preferred;

    private AccessLogParser(List<LogFormat> formats, boolean acceptsJson, int maxLineLength) {
        this.formats = formats.toArray(new LogFormat[0]);
        this.acceptsJson = acceptsJson;
        this.opensWithValue = formats.stream().anyMatch(LogFormat::opensWithValue);
        this.maxLineLength = maxLineLength;
    }

    /** Detects the format of every line among all presets and JSON. */
    public static AccessLogParser auto() {
        return new AccessLogParser(Presets.AUTO, true, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * A parser for {@code spec}: {@code auto}, {@code envoy}, {@code istio} (1.9+), {@code istio-mixer}
     * (1.1 to 1.8), {@code json}, a preset name ({@code istio-1.3}, ...) or an Envoy format string.
     *
     * @throws IllegalArgumentException when a format string does not compile
     */
    public static AccessLogParser forFormat(String spec) {
        return forFormat(spec, DEFAULT_MAX_LINE_LENGTH);
    }

    public static AccessLogParser forFormat(String spec, int maxLineLength) {
        return switch (spec) {
            case "auto" -> new AccessLogParser(Presets.AUTO, true, maxLineLength);
            case "json" -> new AccessLogParser(List.of(), true, maxLineLength);
            case "envoy" -> new AccessLogParser(List.of(Presets.ENVOY_FORMAT), false, maxLineLength);
            case "istio" -> new AccessLogParser(List.of(Presets.ISTIO_1_9_FORMAT), false, maxLineLength);
            case "istio-mixer" -> new AccessLogParser(Presets.ISTIO_MIXER, false, maxLineLength);
            default -> {
                LogFormat preset = Presets.byName(spec);
                yield new AccessLogParser(List.of(preset != null ? preset : LogFormat.compile("custom", spec)),
                        false, maxLineLength);
            }
        };
    }

    /** Decodes {@code b[off, off+len)} into {@code event} and returns its status (also on the event). */
    public ParseStatus parse(byte[] b, int off, int len, AccessEvent event) {
        event.reset();
        if (len > maxLineLength) {
            return reject(event, ParseStatus.TOO_LONG, maxLineLength);
        }
        long trimmed = Bytes.trim(b, off, off + len);
        int start = (int) (trimmed >>> 32);
        int end = (int) trimmed;
        if (start == end) {
            return reject(event, ParseStatus.EMPTY, 0);
        }
        ParseStatus status = parseRecord(b, start, end, event, 0);
        if (!status.hasEvent() && event.errorOffset() < 0) {
            event.status(status, 0, event.errorField());
        }
        return status;
    }

    private ParseStatus parseRecord(byte[] b, int off, int end, AccessEvent event, int depth) {
        int start = opensWithValue ? off : TextPrefixes.strip(b, off, end, event);
        // A format whose first value is a bare %START_TIME% can read as a prefix: peel prefixes one at a time.
        for (int round = 0; opensWithValue && round < TextPrefixes.MAX_PREFIXES; round++) {
            if (start == end || b[start] == '{') {
                break;
            }
            ParseStatus status = parseText(b, start, end, event, false);
            int next = status.hasEvent() ? start : TextPrefixes.stripOne(b, start, end, event);
            if (next == start) {
                return status;
            }
            start = next;
        }
        if (start < end && b[start] == '{') {
            return parseJson(b, start, end, event, depth);
        }
        if (formats.length == 0) {
            return reject(event, ParseStatus.NOT_ACCESS_LOG, 0);
        }
        return parseText(b, start, end, event, false);
    }

    private ParseStatus parseJson(byte[] b, int start, int end, AccessEvent event, int depth) {
        ParseStatus status = json.read(b, start, end, event);
        if (status == ParseStatus.BAD_JSON) {
            return reject(event, status, json.errorOffset() - start);
        }
        if (status != ParseStatus.OK) {
            event.status(status, event.errorOffset(), event.errorField());
            return status;
        }
        byte[] line = json.lineBytes();
        if (line != null) {
            if (depth >= MAX_ENVELOPE_DEPTH) {
                return reject(event, ParseStatus.BAD_ENVELOPE, 0);
            }
            long trimmed = Bytes.trim(line, json.lineStart(), json.lineEnd());
            int lineStart = (int) (trimmed >>> 32);
            int lineEnd = (int) trimmed;
            event.resetAccessLine();
            if (lineStart == lineEnd) {
                return reject(event, ParseStatus.EMPTY, 0);
            }
            return parseRecord(line, lineStart, lineEnd, event, depth + 1);
        }
        if (!json.sawAccessField()) {
            return reject(event, ParseStatus.BAD_ENVELOPE, 0);
        }
        if (!acceptsJson) {
            return reject(event, ParseStatus.NOT_ACCESS_LOG, 0);
        }
        event.formatName("json");
        event.status(ParseStatus.OK, -1, null);
        return ParseStatus.OK;
    }

    private ParseStatus parseText(byte[] b, int start, int end, AccessEvent event, boolean repaired) {
        int count = formats.length;
        // Whole lines first, by each format's generated matcher alone: a line of the second format of a mixed
        // file costs one declined attempt, not the token loop's search for where the first format fails.
        for (int k = 0; k < count; k++) {
            int index = inPreferenceOrder(k);
            event.resetAccessLine();
            if (formats[index].matchWhole(b, start, end, event)) {
                return accepted(index, event);
            }
        }
        int best = -1;
        int bestTokens = -1;
        for (int k = 0; k < count; k++) {
            int index = inPreferenceOrder(k);
            LogFormat format = formats[index];
            event.resetAccessLine();
            int matched = format.match(b, start, end, event);
            if (matched == format.tokenCount()) {
                return accepted(index, event);
            }
            boolean partial = matched >= format.partialThreshold();
            int score = partial ? matched + 1_000 : matched;
            if (score > bestTokens) {
                bestTokens = score;
                best = index;
            }
        }
        if (!repaired && Bytes.indexOf(b, start, end, DOUBLED_QUOTE) >= 0) {
            // Lines pasted from CSV exports come with every quote doubled.
            ParseStatus status = parseUndoubled(b, start, end, event);
            if (status.hasEvent()) {
                return status;
            }
        }
        LogFormat format = formats[best];
        event.resetAccessLine();
        int matched = format.match(b, start, end, event);
        int at = event.errorOffset() - start;
        if (matched >= format.partialThreshold()) {
            event.formatName(format.name());
            event.status(ParseStatus.PARTIAL, at, event.errorField());
            return ParseStatus.PARTIAL;
        }
        ParseStatus status = event.status();
        event.status(status, at, event.errorField());
        return status;
    }

    /** The format to try {@code k}th: the one that read the last line first, then the rest in their order. */
    private int inPreferenceOrder(int k) {
        return k == 0 ? preferred : (k <= preferred ? k - 1 : k);
    }

    private ParseStatus accepted(int index, AccessEvent event) {
        preferred = index;
        event.formatName(formats[index].name());
        event.status(ParseStatus.OK, -1, null);
        return ParseStatus.OK;
    }

    private ParseStatus parseUndoubled(byte[] b, int start, int end, AccessEvent event) {
        byte[] dst = event.arenaFor(end - start);
        int at = event.arenaPosition();
        int o = at;
        for (int i = start; i < end; i++) {
            dst[o++] = b[i];
            if (b[i] == '"' && i + 1 < end && b[i + 1] == '"') {
                i++;
            }
        }
        event.arenaPosition(o);
        return parseText(dst, at, o, event, true);
    }

    private static ParseStatus reject(AccessEvent event, ParseStatus status, int offset) {
        event.status(status, offset, null);
        return status;
    }
}
