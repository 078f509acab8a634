package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.format.Presets;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A way to print access records, with what the parser must call it: every text preset, Istio JSON in each
 * value style, and custom Envoy format strings. {@code parserSpec} is what {@code AccessLogParser.forFormat}
 * takes for it; {@code detected} says whether {@code auto()} must recognise it too.
 */
public record GeneratedFormat(String label, String parserSpec, String formatName, boolean detected,
        String formatString, Renderer renderer) {

    /** Prints one record. */
    @FunctionalInterface
    public interface Renderer {
        RenderedLine render(AccessRecord record, Random random);
    }

    /** Custom formats: operators MeshLens skips, cut values, {@code %%}, and START_TIME patterns. */
    public static final String CUSTOM_EPOCH =
            "[%START_TIME(%s.%3f)%] %RESPONSE_CODE% %RESPONSE_FLAGS_LONG% %DURATION% %UPSTREAM_CLUSTER%";
    public static final String CUSTOM_STRFTIME = "%START_TIME(%Y/%m/%dT%H:%M:%S%z)% \"%REQ(:METHOD)% "
            + "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%\" %RESPONSE_CODE% %RESPONSE_FLAGS% %DURATION% "
            + "\"%REQ(X-FOO):10%\" %UPSTREAM_WIRE_BYTES_SENT% 100%% \"%REQ(USER-AGENT)%\" %UPSTREAM_CLUSTER_RAW%";
    public static final String CUSTOM_KEY_VALUE = "[%START_TIME(%Y-%m-%dT%H:%M:%S.%6f%z)%] %REQ(:AUTHORITY)% "
            + "code=%RESPONSE_CODE%/%RESPONSE_FLAGS% dur=%DURATION% ust=%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "
            + "up=%UPSTREAM_HOST% %UPSTREAM_CLUSTER% route=%ROUTE_NAME% ua=\"%REQ(USER-AGENT):12%\"";
    public static final String CUSTOM_BARE_TIME = "%START_TIME% %RESPONSE_CODE% %RESPONSE_FLAGS% "
            + "%RESPONSE_CODE_DETAILS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %UPSTREAM_CLUSTER%";
    /** A non-UTC zone for {@code %z}, so offsets are exercised (Envoy itself prints UTC). */
    private static final ZoneOffset ZONE = ZoneOffset.ofHoursMinutes(5, 30);

    public static List<GeneratedFormat> all() {
        return List.of(
                preset("envoy", Presets.ENVOY),
                preset("envoy-details", Presets.ENVOY_DETAILS),
                preset("istio-1.0", Presets.ISTIO_1_0),
                preset("istio-1.1", Presets.ISTIO_1_1),
                preset("istio-1.2", Presets.ISTIO_1_2),
                preset("istio-1.3", Presets.ISTIO_1_3),
                preset("istio-1.9", Presets.ISTIO_1_9),
                // Istio 1.23+ reads as 1.9 (same shape), forced with "istio".
                text("istio-1.23", "istio", "istio-1.9", true, Presets.ISTIO_1_23),
                json("json-typed", IstioJson.KEYS_1_9, IstioJson.Values.TYPED),
                json("json-strings-dash", IstioJson.KEYS_1_3, IstioJson.Values.STRINGS_DASH),
                json("json-strings-null", IstioJson.KEYS_1_9, IstioJson.Values.STRINGS_NULL),
                custom("custom-epoch", CUSTOM_EPOCH),
                custom("custom-strftime", CUSTOM_STRFTIME),
                custom("custom-key-value", CUSTOM_KEY_VALUE),
                custom("custom-bare-time", CUSTOM_BARE_TIME));
    }

    public static GeneratedFormat named(String label) {
        return all().stream().filter(f -> f.label.equals(label)).findFirst().orElseThrow();
    }

    private static GeneratedFormat preset(String name, String formatString) {
        return text(name, name, name, true, formatString);
    }

    private static GeneratedFormat custom(String label, String formatString) {
        return text(label, formatString, "custom", false, formatString);
    }

    private static GeneratedFormat text(String label, String parserSpec, String formatName, boolean detected,
            String formatString) {
        return new GeneratedFormat(label, parserSpec, formatName, detected, formatString,
                (record, random) -> EnvoyFormatter.render(formatString, record, ZONE));
    }

    private static GeneratedFormat json(String label, Map<String, Field> keys, IstioJson.Values values) {
        return new GeneratedFormat(label, "json", "json", true, null, (record, random) -> IstioJson.render(
                record, keys, values, JsonEscaping.values()[random.nextInt(JsonEscaping.values().length)], random));
    }

    /** The formats printed from an Envoy format string: presets and custom ones. */
    public static List<GeneratedFormat> text() {
        return all().stream().filter(f -> f.formatString != null).toList();
    }

    /** The text presets, which {@code auto()} detects. */
    public static List<GeneratedFormat> presets() {
        return all().stream().filter(f -> f.formatString != null && f.detected).toList();
    }

    public boolean isJson() {
        return parserSpec.equals("json");
    }

    public RenderedLine render(AccessRecord record, Random random) {
        return renderer.render(record, random);
    }

    /** Text formats: where the record's response flags start in its line, in bytes. */
    public int flagsStart(AccessRecord record) {
        return renderedLength(formatString.indexOf("%RESPONSE_FLAGS"), record);
    }

    /** Text formats: where the record's response flags end in its line, in bytes. */
    public int flagsEnd(AccessRecord record) {
        return renderedLength(formatString.indexOf('%', formatString.indexOf("%RESPONSE_FLAGS") + 1) + 1, record);
    }

    private int renderedLength(int formatPrefix, AccessRecord record) {
        String text = EnvoyFormatter.render(formatString.substring(0, formatPrefix), record, ZONE).text();
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return label;
    }
}
