package dev.meshlens.app.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;

/**
 * The per-task partial aggregates, in memory, emptied downstream before every commit.
 *
 * <p>Why a store: exactly-once needs the partials of the records a commit covers to be sent in that commit's
 * transaction. A punctuation cannot promise that (commits also happen on rebalance and shutdown), but
 * {@code StreamTask.prepareCommit} flushes every {@link CachedStateStore} before it flushes the record
 * collector, which is how Kafka Streams' own record caches emit. This buffer takes part in that step, so a
 * crash loses only what no commit covered, and that input is read again. Nothing here is logged to a
 * changelog: after a commit the buffer is empty by construction.
 */
final class PreAggregationBuffer implements StateStore, CachedStateStore<String, ServiceWindow> {
    private final String name;
    private final Map<String, List<Partial>> byService = new HashMap<>();
    private Runnable flushListener = () -> { };
    private boolean open;
    private int size;

    PreAggregationBuffer(String name) {
        this.name = name;
    }

    /**
     * Called right before every commit, even with the buffer empty (its processor counts records in the same
     * step); the listener forwards and clears the buffer's content.
     */
    void onFlush(Runnable listener) {
        this.flushListener = listener;
    }

    /** Receives the partials of a flush. */
    interface Sink {
        /** {@code latestTime}: the latest event time of the records in {@code window}. */
        void accept(ServiceWindow window, long latestTime);
    }

    /** A partial aggregate and the latest event time among its records. */
    private static final class Partial {
        final ServiceWindow window;
        long latestTime = Long.MIN_VALUE;

        Partial(ServiceWindow window) {
            this.window = window;
        }
    }

    /** The partial of (service, window) that a record of {@code eventTime} is to be added to. */
    ServiceWindow window(String service, long windowStart, long windowSize, long eventTime) {
        List<Partial> partials = byService.get(service);
        if (partials == null) {
            partials = new ArrayList<>(2);
            byService.put(service, partials);
        }
        Partial partial = null;
        for (int i = 0, n = partials.size(); i < n && partial == null; i++) {
            if (partials.get(i).window.windowStart() == windowStart) {
                partial = partials.get(i);
            }
        }
        if (partial == null) {
            partial = new Partial(new ServiceWindow(service, windowStart, windowStart + windowSize));
            partials.add(partial);
            size++;
        }
        partial.latestTime = Math.max(partial.latestTime, eventTime);
        return partial.window;
    }

    int size() {
        return size;
    }

    /** Hands every partial to {@code sink} and empties the buffer. */
    void drainTo(Sink sink) {
        for (List<Partial> partials : byService.values()) {
            for (Partial partial : partials) {
                sink.accept(partial.window, partial.latestTime);
            }
        }
        byService.clear();
        size = 0;
    }

    @Override
    public void flushCache() {
        flushListener.run();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, ServiceWindow> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void clearCache() {
        // Only stores a processor can bypass need this; nothing writes around this buffer.
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void flush() {
        // Emptied in flushCache(), before the commit; by the time flush() runs there is nothing left.
    }

    @Override
    public void close() {
        byService.clear();
        size = 0;
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one buffer per task. */
    static StoreBuilder<PreAggregationBuffer> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<PreAggregationBuffer> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<PreAggregationBuffer> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<PreAggregationBuffer> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("the pre-aggregation buffer is empty at every commit: nothing to log");
            }

            @Override
            public StoreBuilder<PreAggregationBuffer> withLoggingDisabled() {
                return this;
            }

            @Override
            public PreAggregationBuffer build() {
                return new PreAggregationBuffer(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
