package dev.meshlens.benchmarks.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Jackson's tree model, the way most Java services read JSON: {@code readTree}, then look the fields up.
 * Reads Istio's JSON encoding directly, and Fluent Bit's Kafka record by handing its {@code log} to Fluent Bit's
 * regex.
 */
public final class JacksonTree {
    private final ObjectMapper mapper = new ObjectMapper();
    private final FluentBitRegex regex = new FluentBitRegex();

    /** One Istio JSON access line (typed or all strings); false when it is not a JSON object. */
    public boolean extractIstioJson(byte[] b, int off, int len, ExtractedFields out) throws IOException {
        out.clear();
        JsonNode line = mapper.readTree(b, off, len);
        if (!line.isObject()) {
            return false;
        }
        out.access(line.path("response_code").asInt(-1),
                text(line.get("response_flags")),
                line.path("duration").asLong(-1),
                text(line.get("upstream_cluster")));
        return true;
    }

    /** One Fluent Bit record: the envelope with Jackson, the {@code log} line with the regex. */
    public boolean extractFluentBitRecord(byte[] b, int off, int len, ExtractedFields out) throws IOException {
        JsonNode record = mapper.readTree(b, off, len);
        JsonNode log = record.get("log");
        if (log == null || !regex.extract(log.asText(), out)) {
            return false;
        }
        JsonNode kubernetes = record.path("kubernetes");
        out.kubernetes(text(kubernetes.get("pod_name")), text(kubernetes.get("namespace_name")));
        return true;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : ExtractedFields.text(node.asText());
    }
}
