package dev.meshlens.app.alerts;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;

import dev.meshlens.app.pipeline.LogRecords;
import dev.meshlens.app.pipeline.LogRecords.AccessLine;
import dev.meshlens.app.pipeline.PipelineDriver;
import java.time.Instant;

/** Requests from productpage's sidecar to {@code HOST.default:9080}, as the alert tests send them. */
final class Requests {
    private Requests() {
    }

    static AccessLine served(String host, Instant at) {
        return LogRecords.outbound(host, "default", 9080).at(at).upstreamHost("10.44.1.27:9080").duration(3);
    }

    /** {@code count} requests that failed for want of a healthy upstream, one second apart from {@code from}. */
    static void noHealthyUpstream(PipelineDriver pipeline, String host, Instant from, int count) {
        for (int i = 0; i < count; i++) {
            pipeline.pipe(LogRecords.outbound(host, "default", 9080).at(from.plusSeconds(i))
                    .requestId(host + "-" + from.getEpochSecond() + "-" + i)
                    .response(503, "UH", "no_healthy_upstream"), PRODUCTPAGE);
        }
    }

    /** {@code count} served requests, 100 ms apart from {@code from}. */
    static void served(PipelineDriver pipeline, String host, Instant from, int count) {
        for (int i = 0; i < count; i++) {
            pipeline.pipe(served(host, from.plusMillis(100L * i)), PRODUCTPAGE);
        }
    }
}
