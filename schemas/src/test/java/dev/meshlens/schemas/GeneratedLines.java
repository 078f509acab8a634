package dev.meshlens.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.format.LogFormat;
import dev.meshlens.parser.format.Presets;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every kind of record the parser turns into an event, written here: each text preset with each sample request,
 * Istio JSON typed and string-valued, the log shippers' envelopes, bytes that are not clean text, a truncated
 * line and a custom format.
 */
final class GeneratedLines {
    /** One record, the format to parse it with, the line number to write (0: none, as for Kafka records). */
    record GeneratedLine(String name, String format, byte[] bytes, long lineNumber, ParseStatus expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Long flag names, and an operator MeshLens does not read (the trace id), as operators configure them. */
    private static final String CUSTOM_FORMAT = "\"%REQ(:AUTHORITY)%\" [%START_TIME%] %RESPONSE_CODE% "
            + "%RESPONSE_FLAGS_LONG% %UPSTREAM_CLUSTER% %REQ(X-B3-TRACEID)%";
    /** Bytes no UTF-8 decoder accepts, and control characters, as a client can send them in any header. */
    private static final byte[] MANGLED_USER_AGENT = concat("curl/8.5.0 ", new byte[] {(byte) 0xC3, '(', (byte) 0xFF},
            new byte[] {0x01, 0x1B, 0x7F, '\t'}, "ünïcödé 😀", new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});

    private GeneratedLines() {
    }

    static List<GeneratedLine> all() {
        List<GeneratedLine> lines = new ArrayList<>();
        for (LogFormat preset : Presets.AUTO) {
            for (SampleRequest request : SampleRequests.ALL) {
                byte[] line = LineWriter.text(preset.formatString(), request);
                lines.add(fileLine(preset.name() + ", " + request.name(), preset.name(), line, ParseStatus.OK));
            }
        }
        for (SampleRequest request : SampleRequests.ALL) {
            // Typed, a request with nothing set is all nulls: no access line at all, which the parser rejects.
            if (request != SampleRequests.NOTHING_SET) {
                lines.add(fileLine("Istio JSON typed, " + request.name(), "json",
                        json(LineWriter.istioJson(request, true)), ParseStatus.OK));
            }
            lines.add(fileLine("Istio JSON strings, " + request.name(), "json",
                    json(LineWriter.istioJson(request, false)), ParseStatus.OK));
        }
        addEnvelopes(lines);
        addUncleanBytes(lines);
        byte[] failed = LineWriter.text(Presets.ISTIO_1_9, SampleRequests.FAILED);
        lines.add(fileLine("truncated after the flags", "auto", cutInsideDetails(failed), ParseStatus.PARTIAL));
        lines.add(fileLine("custom format", CUSTOM_FORMAT, concat("\"ratings:9080\" [2026-11-22T10:00:06.789Z] 503 ",
                "UpstreamConnectionFailure,UpstreamRetryLimitExceeded,MeshLensTestFlag ",
                "outbound|9080||ratings.default.svc.cluster.local 80f198ee56343ba864fe8b2a57d3eff7"), ParseStatus.OK));
        return lines;
    }

    private static void addEnvelopes(List<GeneratedLine> lines) {
        String served = new String(LineWriter.text(Presets.ISTIO_1_9, SampleRequests.SERVED), StandardCharsets.UTF_8);
        String tcp = new String(LineWriter.text(Presets.ISTIO_1_9, SampleRequests.TCP), StandardCharsets.UTF_8);
        lines.add(kafkaRecord("Fluent Bit CRI record", Envelopes.fluentBit("F").put("log", served)));
        lines.add(kafkaRecord("Fluent Bit CRI record, partial", Envelopes.fluentBit("P").put("log", tcp)));
        ObjectNode merged = Envelopes.fluentBit("F");
        merged.setAll(LineWriter.istioJson(SampleRequests.FAILED, true));
        lines.add(kafkaRecord("Fluent Bit record with Merge_Log", merged));
        lines.add(fileLine("Docker json-file", "auto", json(Envelopes.dockerJsonFile(served)), ParseStatus.OK));
        lines.add(fileLine("Filebeat record", "auto", json(Envelopes.filebeat(tcp)), ParseStatus.OK));
        lines.add(fileLine("CRI, full line", "auto",
                concat("2026-11-22T10:00:05.123456789Z stdout F ", served), ParseStatus.OK));
        lines.add(fileLine("CRI, partial line", "auto",
                concat("2026-11-22T10:00:05.123456789Z stderr P ", tcp), ParseStatus.OK));
        lines.add(fileLine("kubectl logs --prefix", "auto",
                concat("[pod/ratings-v1-7dc98c7588-qx5vz/istio-proxy] ", served), ParseStatus.OK));
    }

    private static void addUncleanBytes(List<GeneratedLine> lines) {
        SampleRequest mangled = SampleRequests.SERVED.withBytes(Field.USER_AGENT, MANGLED_USER_AGENT);
        for (LogFormat preset : List.of(Presets.ISTIO_1_9_FORMAT, Presets.ENVOY_FORMAT)) {
            lines.add(fileLine(preset.name() + ", invalid UTF-8 and control characters", preset.name(),
                    LineWriter.text(preset.formatString(), mangled), ParseStatus.OK));
        }
        SampleRequest escaped = SampleRequests.SERVED.with(Field.USER_AGENT, "bot\u0001\u001f\u007f \"quoted\" \\ 😀");
        lines.add(fileLine("Istio JSON, escaped control characters", "json",
                json(LineWriter.istioJson(escaped, true)), ParseStatus.OK));
        lines.add(fileLine("Istio JSON, raw invalid UTF-8", "json",
                concat("{\"response_code\":400,\"response_flags\":\"DPE\",\"user_agent\":\"", MANGLED_USER_AGENT, "\"}"),
                ParseStatus.OK));
    }

    /** Cuts the line a few bytes into the response code details, which follow the flags. */
    private static byte[] cutInsideDetails(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        String flags = " " + SampleRequests.FAILED.text(Field.RESPONSE_FLAGS) + " ";
        return text.substring(0, text.indexOf(flags) + flags.length() + 8).getBytes(StandardCharsets.UTF_8);
    }

    private static GeneratedLine fileLine(String name, String format, byte[] bytes, ParseStatus expected) {
        return new GeneratedLine(name, format, bytes, 1, expected);
    }

    private static GeneratedLine kafkaRecord(String name, ObjectNode record) {
        return new GeneratedLine(name, "auto", json(record), 0, ParseStatus.OK);
    }

    private static byte[] json(JsonNode node) {
        try {
            return SchemaFile.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
