package dev.meshlens.app.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed requests by service, direction and cause, as a Prometheus counter. The number of services with
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
        for (ServiceWindow.CauseCounts c : window.causes()) {
            counter(window.service(), c).increment(c.count());
        }
    }

    private Counter counter(String service, ServiceWindow.CauseCounts c) {
        String tagged = services.contains(service) || services.size() < MAX_SERVICES && services.add(service)
                ? service : OTHER;
        String key = tagged + '|' + c.direction().id() + '|' + c.cause().id();
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = Counter.builder("meshlens.failures").description("Failed requests by service, direction and cause")
                    .tag("service", tagged).tag("direction", c.direction().id()).tag("cause", c.cause().id())
                    .register(registry);
            counters.put(key, counter);
        }
        return counter;
    }
}
