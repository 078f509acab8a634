package dev.meshlens.app.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.schemas.SchemaFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A dead-letter record in the JSON view {@code dead-letter.schema.json} describes. */
final class DeadLetterJson {
    private DeadLetterJson() {
    }

    static ObjectNode of(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode view = SchemaFile.MAPPER.createObjectNode();
        view.put("key", base64(record.key()));
        view.put("value", base64(record.value()));
        ObjectNode headers = view.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return view;
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
