package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares a parsed event with the record, line and envelope it was generated from, field by field, and says
 * every difference (an empty list: the event is exactly what was written).
 */
public final class EventCheck {
    private final List<String> differences = new ArrayList<>();
    private final AccessEvent event;

    private EventCheck(AccessEvent event) {
        this.event = event;
    }

    public static List<String> differences(RenderedLine line, Wrapped wrapped, String formatName, AccessEvent event) {
        EventCheck check = new EventCheck(event);
        check.same("status", ParseStatus.OK, event.status());
        check.same("formatName", formatName, event.formatName());
        check.accessLine(line);
        check.envelope(wrapped);
        return check.differences;
    }

    /** The access-line fields only: what every complete line must yield whatever carried it. */
    public static List<String> accessLineDifferences(RenderedLine line, AccessEvent event) {
        EventCheck check = new EventCheck(event);
        check.accessLine(line);
        return check.differences;
    }

    private void accessLine(RenderedLine line) {
        AccessRecord record = line.record();
        same("responseCode", line.carries(Field.RESPONSE_CODE) ? (int) record.number(Field.RESPONSE_CODE) : -1,
                event.responseCode());
        long flags = line.carries(Field.RESPONSE_FLAGS) ? record.flags().expectedBits() : 0L;
        same("responseFlags", ResponseFlags.toShortString(flags), ResponseFlags.toShortString(event.responseFlags()));
        same("startTimeMillis", line.startMillis(), event.startTimeMillis());
        same("duration", line.expectedNumber(Field.DURATION), event.duration());
        same("bytesReceived", line.expectedNumber(Field.BYTES_RECEIVED), event.bytesReceived());
        same("bytesSent", line.expectedNumber(Field.BYTES_SENT), event.bytesSent());
        same("upstreamServiceTime", line.expectedNumber(Field.UPSTREAM_SERVICE_TIME), event.upstreamServiceTime());
        for (Field field : Field.values()) {
            // The flags' text too: unknown codes are kept as written.
            if (field.kind() == Field.Kind.TEXT || field.kind() == Field.Kind.CLUSTER
                    || field.kind() == Field.Kind.FLAGS) {
                same(field.name(), line.expectedText(field), text(field));
            }
        }
        Cluster cluster = line.expectedText(Field.UPSTREAM_CLUSTER) == null ? Cluster.ABSENT : record.cluster();
        same("direction", cluster.direction(), text(Field.CLUSTER_DIRECTION));
        same("port", cluster.port(), event.clusterPort());
        same("subset", cluster.subset(), text(Field.CLUSTER_SUBSET));
        same("host", cluster.host(), text(Field.CLUSTER_HOST));
    }

    private void envelope(Wrapped wrapped) {
        same("envelopeTimeMillis", wrapped.envelopeMillis(), event.envelopeTimeMillis());
        same("streamPartial", wrapped.streamPartial(), event.streamPartial());
        for (Field field : Field.values()) {
            if (field.kind() == Field.Kind.ENVELOPE) {
                same(field.name(), wrapped.envelopeFields().get(field), text(field));
            }
        }
    }

    private String text(Field field) {
        ByteView view = event.text(field);
        return view == null ? null : view.toString();
    }

    private void same(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(what + ": expected " + expected + ", got " + actual);
        }
    }
}
