package dev.meshlens.app.it;

import dev.meshlens.app.pipeline.MeshLensTopology;
import dev.meshlens.app.pipeline.ServiceWindow;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** The per-service window store of a running instance, read through interactive queries, as counts. */
final class WindowCounts {
    private WindowCounts() {
    }

    /**
     * What this instance's active tasks hold (stale stores, standbys included, are not asked): per (service,
     * direction, cause, window), the requests counted. Successes are the direction's requests less its errors.
     */
    static Map<Traffic.Count, Long> ofActiveTasks(KafkaStreams streams) {
        ReadOnlyWindowStore<String, ServiceWindow> store = streams.store(StoreQueryParameters.fromNameAndType(
                MeshLensTopology.SERVICE_WINDOWS_STORE, QueryableStoreTypes.windowStore()));
        Map<Traffic.Count, Long> counts = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, ServiceWindow> windows = store.all()) {
            while (windows.hasNext()) {
                KeyValue<Windowed<String>, ServiceWindow> entry = windows.next();
                add(counts, entry.key.key(), entry.key.window().start(), entry.value);
            }
        }
        return counts;
    }

    private static void add(Map<Traffic.Count, Long> counts, String service, long windowStart, ServiceWindow window) {
        for (Direction direction : Direction.values()) {
            long served = window.requests(direction) - window.errors(direction);
            if (served != 0) {
                counts.put(new Traffic.Count(service, direction, Cause.NONE, windowStart), served);
            }
        }
        for (ServiceWindow.CauseCounts causeCounts : window.causes()) {
            counts.put(new Traffic.Count(service, causeCounts.direction(), causeCounts.cause(), windowStart),
                    causeCounts.count());
        }
    }
}
