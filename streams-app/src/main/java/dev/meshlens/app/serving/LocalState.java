package dev.meshlens.app.serving;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.AlertEvaluator;
import dev.meshlens.app.pipeline.MeshLensTopology;
import dev.meshlens.app.pipeline.ServiceWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's own state stores (its active partitions only). A store that is migrating answers
 * {@link ApiException#unavailable}: the caller says 503 and Retry-After, never half an answer.
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

    /** Every window of every local service that overlaps the range. */
    public List<ServiceWindow> allWindows(TimeRange range) {
        List<ServiceWindow> out = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, ServiceWindow> it = windowStore().fetchAll(firstStart(range), lastStart(range))) {
            it.forEachRemaining(kv -> out.add(kv.value));
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state is moving between instances: " + e.getMessage());
        }
        return out;
    }

    /** True when any window of {@code service} is still kept, whatever the range. */
    public boolean knows(String service, Instant now, long retentionMillis) {
        return !windows(service, new TimeRange(now.minusMillis(retentionMillis), now.plusMillis(windowMillis))).isEmpty();
    }

    public List<Alert> firingAlerts() {
        List<Alert> out = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, Object> store = streams.store(StoreQueryParameters.fromNameAndType(
                    MeshLensTopology.ALERT_STATE_STORE, QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<String, Object> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Object> kv = it.next();
                    out.add(AlertEvaluator.firingAlert(kv.value));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state is moving between instances: " + e.getMessage());
        }
        return out;
    }

    private ReadOnlyWindowStore<String, ServiceWindow> windowStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(MeshLensTopology.SERVICE_WINDOWS_STORE,
                QueryableStoreTypes.windowStore()));
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
