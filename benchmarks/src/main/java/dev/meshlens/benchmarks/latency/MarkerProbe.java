package dev.meshlens.benchmarks.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.benchmarks.rig.AppProcess;
import dev.meshlens.benchmarks.rig.SyntheticMesh;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produce-to-queryable: sends one 200 to its own marker service, then asks the REST API for that service's
 * windows every {@link #POLL_MILLIS} until their request count includes it; the delay from the send to the
 * first answer that counts it is one sample. One marker in flight per probe, a random 100-300 ms pause
 * between markers, so that probes do not march in step with commits.
 */
final class MarkerProbe implements Runnable {
    static final long POLL_MILLIS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AppProcess app;
    private final SyntheticMesh markers;
    private final int index;
    private final long endMillis;
    private final List<Long> samples = new ArrayList<>();

    MarkerProbe(KafkaProducer<byte[], byte[]> producer, String topic, AppProcess app, SyntheticMesh markers, int index,
            long endMillis) {
        this.producer = producer;
        this.topic = topic;
        this.app = app;
        this.markers = markers;
        this.index = index;
        this.endMillis = endMillis;
    }

    @Override
    public void run() {
        byte[] key = ("marker-pod-" + index).getBytes(StandardCharsets.UTF_8);
        String path = "/api/v1/services/" + markers.service(index) + "/causes";
        try {
            for (long sent = 1; System.currentTimeMillis() < endMillis; sent++) {
                long producedAt = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(topic, key, markers.ok(index, producedAt)));
                while (requests(app.get(path)) < sent) {
                    Thread.sleep(POLL_MILLIS);
                }
                samples.add(System.currentTimeMillis() - producedAt);
                Thread.sleep(ThreadLocalRandom.current().nextLong(100, 300));
            }
        } catch (Exception e) {
            throw new IllegalStateException("marker probe " + index + " failed", e);
        }
    }

    /** The service's requests over the default range (the last 15 minutes); 0 while it is unknown (404). */
    private static long requests(HttpResponse<String> response) throws Exception {
        if (response.statusCode() == 404) {
            return 0;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("REST answered " + response.statusCode() + ": " + response.body());
        }
        long total = 0;
        for (JsonNode window : JSON.readTree(response.body())) {
            total += window.get("requests").asLong();
        }
        return total;
    }

    List<Long> samples() {
        return samples;
    }
}
