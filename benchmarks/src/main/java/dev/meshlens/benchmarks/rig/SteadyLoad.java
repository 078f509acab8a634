package dev.meshlens.benchmarks.rig;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Offers records at a fixed rate on its own thread: every 10 ms it sends what the rate owes since the start,
 * so a late tick catches up and the average rate holds.
 */
public final class SteadyLoad implements AutoCloseable {
    private static final long TICK_MILLIS = 10;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final byte[][] keys;
    private final RecordSource source;
    private final double recordsPerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public SteadyLoad(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, RecordSource source,
            double recordsPerSecond) {
        this.producer = producer;
        this.topic = topic;
        this.keys = podKeys(key);
        this.source = source;
        this.recordsPerSecond = recordsPerSecond;
        this.thread = new Thread(this::run, "steady-load");
        thread.setDaemon(true);
    }

    public SteadyLoad start() {
        thread.start();
        return this;
    }

    /** Sends {@code count} records as fast as the producer takes them, on the calling thread. */
    public static void burst(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, RecordSource source,
            long count) {
        byte[][] keys = podKeys(key);
        for (long i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, keys[(int) (i % keys.length)], source.next(System.currentTimeMillis())));
        }
        producer.flush();
    }

    /**
     * Record keys: 256 pod names made from {@code pod}, so that the default partitioner spreads records over
     * all partitions as many pods' records would (one pod's records all on one partition would feed one task).
     */
    private static byte[][] podKeys(byte[] pod) {
        byte[][] keys = new byte[256][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (new String(pod, StandardCharsets.UTF_8) + '-' + i).getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    private void run() {
        long start = System.nanoTime();
        while (running) {
            long owed = (long) ((System.nanoTime() - start) / 1e9 * recordsPerSecond) - sent.get();
            long now = System.currentTimeMillis();
            for (long i = 0; i < owed && running; i++) {
                producer.send(new ProducerRecord<>(topic, keys[(int) (sent.get() % keys.length)], source.next(now)));
                sent.incrementAndGet();
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
    }
}
