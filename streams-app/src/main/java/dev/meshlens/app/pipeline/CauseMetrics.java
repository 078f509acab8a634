package dev.meshlens.app.pipeline;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests by service and direction, and failed requests by service, direction and cause, as Prometheus
 * counters. The number of services with
 * their own series is capped; the rest are counted as service {@code other}, so a mesh with many services
 * cannot blow up the scrape. Counted from partial aggregates, not per line.
 */
final class CauseMetrics {
    static final int MAX_SERVICES = 200;
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new HashMap<>();
    private final java.util.Set<String> services = new java.util.HashSet<>();

    CauseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void add(ServiceWindow window) {
        String service = tagged(window.service());
        for (Direction direction : Direction.values()) {
            long requests = window.requests(direction);
            if (requests > 0) {
                counter("meshlens.requests", "Requests by service and direction", service, direction, null)
                        .increment(requests);
            }
        }
        for (ServiceWindow.CauseCounts c : window.causes()) {
            counter("meshlens.failures", "Failed requests by service, direction and cause", service, c.direction(),
                    c.cause()).increment(c.count());
        }
    }

    private String tagged(String service) {
        return services.contains(service) || services.size() < MAX_SERVICES && services.add(service) ? service : OTHER;
    }

    private Counter counter(String name, String description, String service, Direction direction, Cause cause) {
        String key = name + '|' + service + '|' + direction.id() + '|' + (cause == null ? "" : cause.id());
        Counter counter = counters.get(key);
        if (counter == null) {
            Counter.Builder builder = Counter.builder(name).description(description).tag("service", service)
                    .tag("direction", direction.id());
            if (cause != null) {
                builder.tag("cause", cause.id());
            }
            counter = builder.register(registry);
            counters.put(key, counter);
        }
        return counter;
    }
}
