package dev.meshlens.app.serving;

import dev.meshlens.app.pipeline.MeshLensTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * What the routes query, once the pipeline exists: the HTTP server starts first (its port goes into
 * {@code application.server}), so until {@link #attach} every query answers 503.
 */
public final class ServingContext {
    /** The running pipeline, as the routes see it. */
    public record Live(KafkaStreams streams, LocalState local, ClusterQueries cluster, Summaries summaries) {
        boolean storesQueryable() {
            try {
                streams.store(StoreQueryParameters.fromNameAndType(MeshLensTopology.SERVICE_WINDOWS_STORE,
                        QueryableStoreTypes.windowStore()));
                return true;
            } catch (InvalidStateStoreException e) {
                return false;
            }
        }
    }

    private volatile Live live;

    public void attach(Live live) {
        this.live = live;
    }

    Live live() {
        return live;
    }

    Live require() {
        Live current = live;
        if (current == null) {
            throw ApiException.unavailable("the pipeline is starting");
        }
        return current;
    }
}
