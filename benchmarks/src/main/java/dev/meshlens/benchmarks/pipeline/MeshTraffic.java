package dev.meshlens.benchmarks.pipeline;

import dev.meshlens.benchmarks.corpus.BookinfoTraffic;
import dev.meshlens.benchmarks.corpus.FluentBitRecord;
import dev.meshlens.benchmarks.corpus.Request;
import dev.meshlens.benchmarks.corpus.Workload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's input: Bookinfo deployed once per team namespace ({@code team-00}, {@code team-01}, ...), each
 * record exactly as Fluent Bit's kafka output sends it, keyed by namespace/pod like the pipeline's deployment
 * does. The requests and their outcomes (200s, 404s, 503s with their flags) are {@link BookinfoTraffic}'s; record
 * {@code i} starts at {@link #eventTime}, so event time runs forward at a steady mesh rate across all records.
 */
final class MeshTraffic {
    /** 2026-11-22T10:00:00Z, like the corpus. */
    private static final long FIRST_EVENT_MILLIS = 1_795_341_600_000L;
    /** Requests drawn from the corpus: enough that paths, ids and outcomes hardly repeat within a window. */
    private static final int POOL = 50_000;
    /** Rendered in parallel a block at a time, and sent in order: event time only goes forward per partition. */
    private static final int BLOCK = 8_192;
    private static final String NAMESPACE_IN_CLUSTER = "." + Workload.NAMESPACE + ".svc.cluster.local";
    private static final String NAMESPACE_FIELD = "\"namespace_name\":\"" + Workload.NAMESPACE + "\"";

    private final List<Request> pool = BookinfoTraffic.generate(POOL, 20_261_124L);
    private final int namespaces;
    private final int requestsPerSecond;

    MeshTraffic(int namespaces, int requestsPerSecond) {
        this.namespaces = namespaces;
        this.requestsPerSecond = requestsPerSecond;
    }

    long eventTime(long i) {
        return FIRST_EVENT_MILLIS + i * 1000 / requestsPerSecond;
    }

    /** What was written: records and bytes (keys and values). */
    record Written(long records, long bytes) {
    }

    /** Sends records {@code 0..count-1} to {@code topic} and waits until the broker has them all. */
    Written preload(String bootstrapServers, String topic, int count) throws InterruptedException, ExecutionException {
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024,
                ProducerConfig.ACKS_CONFIG, "1"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int from = 0; from < count; from += BLOCK) {
                int start = from;
                ProducerRecord<byte[], byte[]>[] block = IntStream.range(start, Math.min(count, start + BLOCK)).parallel()
                        .mapToObj(i -> record(topic, i)).toArray(ProducerRecord[]::new);
                for (ProducerRecord<byte[], byte[]> record : block) {
                    bytes += record.key().length + record.value().length;
                    producer.send(record);
                }
            }
            producer.flush();
        }
        return new Written(count, bytes);
    }

    private ProducerRecord<byte[], byte[]> record(String topic, int i) {
        Request template = pool.get(i % POOL);
        // Spread over namespaces by a stride prime to their count, not in runs: every window sees every team.
        String namespace = String.format("team-%02d", (int) ((i * 7919L) % namespaces));
        Request r = at(template, eventTime(i));
        String value = FluentBitRecord.render(r)
                .replace(NAMESPACE_IN_CLUSTER, "." + namespace + ".svc.cluster.local")
                .replace(NAMESPACE_FIELD, "\"namespace_name\":\"" + namespace + "\"");
        byte[] key = (namespace + "/" + r.sidecar().pod()).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Request at(Request r, long startMillis) {
        return new Request(startMillis, r.method(), r.path(), r.protocol(), r.responseCode(), r.responseFlags(),
                r.responseCodeDetails(), r.connectionTerminationDetails(), r.upstreamTransportFailureReason(),
                r.bytesReceived(), r.bytesSent(), r.duration(), r.upstreamServiceTime(), r.forwardedFor(),
                r.userAgent(), r.requestId(), r.authority(), r.upstreamHost(), r.upstreamCluster(),
                r.upstreamLocalAddress(), r.downstreamLocalAddress(), r.downstreamRemoteAddress(),
                r.requestedServerName(), r.routeName(), r.sidecar());
    }
}
