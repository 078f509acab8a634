package dev.meshlens.app.serving;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.AlertEvaluator;
import dev.meshlens.app.pipeline.MeshLensTopology;
import dev.meshlens.app.pipeline.ServiceWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's own state stores (its active partitions only). A single service's store that is
 * migrating answers {@link ApiException#unavailable}; a listing says which partitions it read, so that the
 * merge across instances can tell a whole answer from half of one (503 and Retry-After).
 */
public final class LocalState {
    private final KafkaStreams streams;
    private final long windowMillis;

    public LocalState(KafkaStreams streams, long windowMillis) {
        this.streams = streams;
        this.windowMillis = windowMillis;
    }

    /** The windows of {@code service} that overlap {@code [from, to)}, oldest first. */
    public List<ServiceWindow> windows(String service, TimeRange range) {
        List<ServiceWindow> out = new ArrayList<>();
        // Only the store of the service's own partition may answer: while a task is being taken over, the other
        // local stores would answer "nothing" where the truth is "not here yet" (503).
        KeyQueryMetadata owner = streams.queryMetadataForKey(MeshLensTopology.SERVICE_WINDOWS_STORE, service,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw ApiException.unavailable("no instance owns " + service + " right now (rebalancing); retry");
        }
        try (WindowStoreIterator<ServiceWindow> it = windowStore(owner.partition())
                .fetch(service, firstStart(range), lastStart(range))) {
            it.forEachRemaining(kv -> out.add(kv.value));
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state is moving between instances: " + e.getMessage());
        }
        return out;
    }

    /** What this instance read for a listing, and from which partitions of the store. */
    public record Covered<T>(List<Integer> partitions, T value) {
        public <R> Covered<R> map(Function<T, R> change) {
            return new Covered<>(partitions, change.apply(value));
        }
    }

    /** Every window that overlaps the range, of each partition this instance can read whole now. */
    public Covered<List<ServiceWindow>> allWindows(TimeRange range) {
        return perPartition(partition -> {
            List<ServiceWindow> out = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, ServiceWindow> it = windowStore(partition)
                    .fetchAll(firstStart(range), lastStart(range))) {
                it.forEachRemaining(kv -> out.add(kv.value));
            }
            return out;
        });
    }

    /** True when any window of {@code service} is still kept, whatever the range. */
    public boolean knows(String service, Instant now, long retentionMillis) {
        return !windows(service, new TimeRange(now.minusMillis(retentionMillis), now.plusMillis(windowMillis))).isEmpty();
    }

    /** The firing alerts of each partition this instance can read whole now. */
    public Covered<List<Alert>> firingAlerts() {
        return perPartition(partition -> {
            List<Alert> out = new ArrayList<>();
            ReadOnlyKeyValueStore<String, Object> store = streams.store(StoreQueryParameters.fromNameAndType(
                    MeshLensTopology.ALERT_STATE_STORE, QueryableStoreTypes.<String, Object>keyValueStore()).withPartition(partition));
            try (KeyValueIterator<String, Object> it = store.all()) {
                it.forEachRemaining(kv -> out.add(AlertEvaluator.firingAlert(kv.value)));
            }
            return out;
        });
    }

    /**
     * Reads each partition of the stores on its own. Without a partition, Kafka Streams reads whichever local
     * tasks are RUNNING at the moment and says nothing of the rest: during a handover that is a partial
     * answer that looks whole. A partition that is not an active, RUNNING task here is left out of the cover.
     */
    private <T> Covered<List<T>> perPartition(IntFunction<List<T>> read) {
        List<Integer> covered = new ArrayList<>();
        List<T> items = new ArrayList<>();
        for (int partition : storePartitions(streams)) {
            try {
                items.addAll(read.apply(partition));
                covered.add(partition);
            } catch (InvalidStateStoreException e) {
                // Another instance's, or restoring, or moving: the merge sees the gap.
            }
        }
        return new Covered<>(covered, items);
    }

    /** Every partition of the window store (and the alert state, same tasks) that the cluster metadata names. */
    static SortedSet<Integer> storePartitions(KafkaStreams streams) {
        SortedSet<Integer> partitions = new TreeSet<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(MeshLensTopology.SERVICE_WINDOWS_STORE)) {
            metadata.topicPartitions().forEach(tp -> partitions.add(tp.partition()));
        }
        return partitions;
    }

    private ReadOnlyWindowStore<String, ServiceWindow> windowStore(int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(MeshLensTopology.SERVICE_WINDOWS_STORE,
                QueryableStoreTypes.<String, ServiceWindow>windowStore()).withPartition(partition));
    }

    /** Windows are fetched by start time: the first one that still overlaps {@code from} (none before 1970). */
    private Instant firstStart(TimeRange range) {
        Instant first = range.from().minusMillis(windowMillis - 1);
        return first.isBefore(Instant.EPOCH) ? Instant.EPOCH : first;
    }

    private static Instant lastStart(TimeRange range) {
        return range.to().minusMillis(1);
    }
}
