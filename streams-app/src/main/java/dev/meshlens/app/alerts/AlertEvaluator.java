package dev.meshlens.app.alerts;

import dev.meshlens.app.pipeline.ServiceWindow;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.parser.event.IsoTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Turns window updates into alert transitions. A (service, direction, cause) fires as soon as a window
 * breaches its rule, once per episode (the state store remembers firing alerts across restarts), and
 * resolves only when {@code resolveAfterQuietWindows} windows after its last breach have closed (stream time
 * past their end plus grace): a window that dips below the threshold while still open does not flap.
 */
public final class AlertEvaluator implements Processor<Windowed<String>, ServiceWindow, String, Alert> {
    private final AlertRules rules;
    private final CauseRules causes;
    private final long windowMillis;
    private final long graceMillis;
    private final String storeName;
    private final Counter fired;
    private final Counter resolved;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AlertState> store;
    /**
     * The last breached window of the firing alerts this task has read or written, as the store has it: every
     * update of a window that keeps breaching would otherwise read and decode the alert's JSON state again (about
     * 5 % of the stream thread in benchmarks/run-pipeline's JFR). Emptied in init(), which Kafka Streams calls
     * again after it restores the store.
     */
    private final Map<String, Long> lastBreaches = new HashMap<>();
    private long closedUpTo = Long.MIN_VALUE;

    public AlertEvaluator(AlertRules rules, CauseRules causes, long windowMillis, long graceMillis, String storeName,
            MeterRegistry registry) {
        this.rules = rules;
        this.causes = causes;
        this.windowMillis = windowMillis;
        this.graceMillis = graceMillis;
        this.storeName = storeName;
        this.fired = Counter.builder("meshlens.alerts.transitions").tag("state", "firing").register(registry);
        this.resolved = Counter.builder("meshlens.alerts.transitions").tag("state", "resolved").register(registry);
    }

    /** The store of firing alerts this evaluator needs, logged so that de-duplication survives restarts. */
    public static StoreBuilder<KeyValueStore<String, AlertState>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                new JsonSerde<>(AlertState.class));
    }

    /** The FIRING alert a value of the alert store holds (the store's value type is internal). */
    public static Alert firingAlert(Object storeValue) {
        return ((AlertState) storeValue).firing();
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        lastBreaches.clear();
    }

    @Override
    public void process(Record<Windowed<String>, ServiceWindow> record) {
        ServiceWindow window = record.value();
        if (window == null) {
            return;
        }
        for (ServiceWindow.CauseCounts c : window.causes()) {
            AlertRules.Rule rule = rules.ruleFor(c.cause());
            long requests = window.requests(c.direction());
            if (rule != null && rule.breached(c.count(), requests)) {
                breach(window, c, rule, requests);
            }
        }
        // The update's timestamp is the latest event time of its window: stream time as the windowing sees it (a
        // window's start would lag it by up to a window, holding RESOLVED back as long). A window is closed once
        // stream time reaches its end plus grace; closedUpTo, the latest such end, moves a window at a time.
        long closedUpTo = Math.floorDiv(record.timestamp() - graceMillis, windowMillis) * windowMillis;
        if (closedUpTo > this.closedUpTo) {
            this.closedUpTo = closedUpTo;
            resolveQuietAlerts(record.timestamp());
        }
    }

    private void breach(ServiceWindow window, ServiceWindow.CauseCounts c, AlertRules.Rule rule, long requests) {
        String key = window.service() + '|' + c.direction().id() + '|' + c.cause().id();
        Long lastBreach = lastBreaches.get(key);
        if (lastBreach != null && window.windowStart() <= lastBreach) {
            return;
        }
        AlertState state = store.get(key);
        if (state != null) {
            if (window.windowStart() > state.lastBreachWindowStart()) {
                store.put(key, new AlertState(state.firing(), window.windowStart()));
            }
            lastBreaches.put(key, Math.max(window.windowStart(), state.lastBreachWindowStart()));
            return;
        }
        CauseRules.CauseInfo info = causes.info(c.cause());
        String since = IsoTime.toString(window.windowStart());
        Alert alert = new Alert(key + '|' + since, Alert.State.FIRING, rule.name(), rule.severity(), window.service(),
                c.direction().id(), c.cause().id(), info.title(), info.hint(), since, IsoTime.toString(window.windowEnd()),
                c.count(), requests, (double) c.count() / requests, c.upstreamHosts().top(5), c.sampleRequestId(),
                since, null);
        store.put(key, new AlertState(alert, window.windowStart()));
        lastBreaches.put(key, window.windowStart());
        fired.increment();
        context.forward(new Record<>(key, alert, window.windowStart()));
    }

    /** Resolves alerts whose last breached window is followed by enough closed, quiet windows. */
    private void resolveQuietAlerts(long streamTime) {
        List<KeyValue<String, AlertState>> done = new ArrayList<>();
        try (KeyValueIterator<String, AlertState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, AlertState> entry = all.next();
                long quietEnd = entry.value.lastBreachWindowStart() + windowMillis * (1L + rules.resolveAfterQuietWindows());
                if (quietEnd <= closedUpTo) {
                    done.add(KeyValue.pair(entry.key, entry.value));
                }
            }
        }
        for (KeyValue<String, AlertState> entry : done) {
            long quietEnd = entry.value.lastBreachWindowStart() + windowMillis * (1L + rules.resolveAfterQuietWindows());
            store.delete(entry.key);
            lastBreaches.remove(entry.key);
            resolved.increment();
            context.forward(new Record<>(entry.key, entry.value.firing().resolved(IsoTime.toString(quietEnd)), streamTime));
        }
    }

}
