package dev.meshlens.app.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays {@link BookinfoTraffic} into the input topic at a steady rate of user requests, turning the
 * {@link Scenario}s on one after the other, each for {@code phase}, healthy traffic in between: the whole
 * schedule repeats every {@code 2 * phase * scenarios}.
 */
public final class TrafficGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);
    private static final long TICK_MILLIS = 100;

    private final KafkaProducer<String, byte[]> producer;
    private final BookinfoTraffic traffic;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "meshlens-demo-traffic");
        t.setDaemon(true);
        return t;
    });
    private final double requestsPerTick;
    private final long phaseMillis;
    private final long startedAt = System.currentTimeMillis();
    private double owed;
    private volatile Scenario current = Scenario.HEALTHY;

    public TrafficGenerator(String bootstrapServers, String topic, double requestsPerSecond, Duration phase) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
        this.traffic = new BookinfoTraffic(System.nanoTime(), (key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
        this.requestsPerTick = requestsPerSecond * TICK_MILLIS / 1000.0;
        this.phaseMillis = phase.toMillis();
    }

    public TrafficGenerator start() {
        clock.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The scenario on at {@code now}: odd phases are healthy, even ones inject the next failure in turn. */
    Scenario scenarioAt(long now) {
        Scenario[] failures = java.util.Arrays.copyOfRange(Scenario.values(), 1, Scenario.values().length);
        long phase = (now - startedAt) / phaseMillis;
        return phase % 2 == 0 ? Scenario.HEALTHY : failures[(int) (phase / 2 % failures.length)];
    }

    /** When the schedule began: phase n runs from {@code startedAt() + n * phase}. */
    public long startedAt() {
        return startedAt;
    }

    public Scenario current() {
        return current;
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            Scenario scenario = scenarioAt(now);
            if (scenario != current) {
                LOG.info("scenario: {}{}", scenario.description(), scenario.service() == null ? ""
                        : " (expect " + scenario.cause().id() + " on " + scenario.service() + ")");
                current = scenario;
            }
            owed += requestsPerTick;
            for (; owed >= 1; owed--) {
                traffic.userRequest(now, scenario);
            }
        } catch (RuntimeException e) {
            LOG.warn("traffic generator: {}", e.toString());
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
