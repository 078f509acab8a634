package dev.meshlens.app.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.app.pipeline.MeshLensTopology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Makes any instance answer for any key: a single service is asked of the instance that owns it
 * ({@code queryMetadataForKey}, retried while a rebalance makes the owner unknown), and listings ask every
 * instance's local endpoint and merge, once the answers cover every partition of the state exactly once.
 * While the pipeline is not RUNNING, an instance cannot answer, or the cover has a gap or an overlap, the
 * answer is 503: never a partial list passed off as the whole.
 */
public final class ClusterQueries {
    /** Marks a request one instance sent another: it must be answered locally, never sent on. */
    public static final String FORWARDED_HEADER = "X-MeshLens-Forwarded";
    private static final int OWNER_ATTEMPTS = 5;
    private static final Duration OWNER_RETRY = Duration.ofMillis(200);

    /** An answer from wherever it came: status, JSON body. */
    public record Answer(int status, byte[] body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PARTITIONS = "partitions";
    private static final String ITEMS = "items";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final AtomicInteger knownPartitions = new AtomicInteger();
    /** Sent to the other instances when the API asks for a token (they all share it); null when it does not. */
    private final ApiToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ClusterQueries(KafkaStreams streams, HostInfo self, ApiToken token) {
        this.streams = streams;
        this.self = self;
        this.token = token;
    }

    public void requireRunning() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw ApiException.unavailable("the pipeline is " + streams.state() + ", not RUNNING");
        }
    }

    /**
     * Answers for {@code service} here when this instance owns it, else relays {@code pathAndQuery} to the owner.
     * A relayed request that lands on a non-owner (the owner moved meanwhile) is 503, not relayed again.
     */
    public Answer forService(String service, boolean forwarded, String pathAndQuery, Supplier<byte[]> local)
            throws InterruptedException {
        requireRunning();
        HostInfo owner = owner(service);
        if (owner.equals(self)) {
            return new Answer(200, local.get());
        }
        if (forwarded) {
            throw ApiException.unavailable("this instance no longer owns " + service + "; retry");
        }
        Answer answer = get(owner, pathAndQuery);
        if (answer.status() == 503) {
            // Said again here, so that the client gets this instance's Retry-After too.
            throw ApiException.unavailable("instance " + owner.host() + ":" + owner.port() + " cannot answer for "
                    + service + " right now; retry");
        }
        return answer;
    }

    /**
     * Asks every instance's local endpoint (this one directly) and returns their items, once together they
     * cover every partition of the store exactly once: else, an instance restoring or handing over state
     * would make a listing that misses services, or counts some twice, look whole.
     */
    public List<byte[]> fromAllInstances(String localPathAndQuery, Supplier<LocalState.Covered<byte[]>> local)
            throws InterruptedException {
        requireRunning();
        int partitions = knownPartitions.accumulateAndGet(
                LocalState.storePartitions(streams).stream().mapToInt(p -> p + 1).max().orElse(0), Math::max);
        Set<HostInfo> hosts = new LinkedHashSet<>();
        for (StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
            hosts.add(metadata.hostInfo());
        }
        List<LocalState.Covered<byte[]>> shares = new ArrayList<>();
        shares.add(local.get());
        for (HostInfo host : hosts) {
            if (!host.equals(self)) {
                Answer answer = get(host, localPathAndQuery);
                if (answer.status() != 200) {
                    throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " answered "
                            + answer.status() + "; retry");
                }
                shares.add(share(answer.body()));
            }
        }
        requireEachPartitionOnce(partitions, shares.stream().map(LocalState.Covered::partitions).toList());
        return shares.stream().map(LocalState.Covered::value).toList();
    }

    /** 503 unless the covers name each of the partitions exactly once (a partition count only ever grows). */
    static void requireEachPartitionOnce(int partitionCount, List<List<Integer>> covers) {
        int count = Math.max(partitionCount,
                covers.stream().flatMap(List::stream).mapToInt(p -> p + 1).max().orElse(0));
        if (count == 0) {
            throw ApiException.unavailable("no partition of the state is assigned yet; retry");
        }
        int[] times = new int[count];
        covers.forEach(cover -> cover.forEach(partition -> times[partition]++));
        List<Integer> missing = new ArrayList<>();
        List<Integer> twice = new ArrayList<>();
        for (int partition = 0; partition < count; partition++) {
            if (times[partition] == 0) {
                missing.add(partition);
            } else if (times[partition] > 1) {
                twice.add(partition);
            }
        }
        if (!missing.isEmpty() || !twice.isEmpty()) {
            throw ApiException.unavailable("state is moving between instances (partitions not answered for: "
                    + missing + ", answered twice: " + twice + "); retry");
        }
    }

    /**
     * What {@code /api/v1/local/*} answers: {@code {"partitions": [...], "items": [...]}}, the partitions of the
     * state store the items were read from, each read whole from an active task of a RUNNING thread. The items
     * are already JSON: they are written in as they are, not parsed and written again.
     */
    public static byte[] localAnswer(LocalState.Covered<byte[]> share) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(share.value().length + 64);
            out.writeBytes(("{\"" + PARTITIONS + "\":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(MAPPER.writeValueAsBytes(share.partitions()));
            out.writeBytes((",\"" + ITEMS + "\":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(share.value());
            out.write('}');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads another instance's {@link #localAnswer}: its partitions, and its items as the bytes they were sent
     * in (the caller decodes them once, as it decodes this instance's own).
     */
    static LocalState.Covered<byte[]> share(byte[] body) {
        List<Integer> partitions = null;
        byte[] items = null;
        try (JsonParser json = MAPPER.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (PARTITIONS.equals(field)) {
                    expect(value, JsonToken.START_ARRAY);
                    partitions = new ArrayList<>();
                    while (json.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                        partitions.add(json.getIntValue());
                    }
                    expect(json.currentToken(), JsonToken.END_ARRAY);
                } else if (ITEMS.equals(field)) {
                    expect(value, JsonToken.START_ARRAY);
                    int start = (int) json.currentTokenLocation().getByteOffset();
                    json.skipChildren();
                    items = Arrays.copyOfRange(body, start, (int) json.currentLocation().getByteOffset());
                } else {
                    json.skipChildren();
                }
            }
        } catch (IOException | IllegalStateException e) {
            throw unreadable();
        }
        if (partitions == null || items == null) {
            throw unreadable();
        }
        return new LocalState.Covered<>(partitions, items);
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }

    private static ApiException unreadable() {
        return ApiException.unavailable("an instance sent an unreadable answer; retry");
    }

    private HostInfo owner(String service) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(MeshLensTopology.SERVICE_WINDOWS_STORE, service,
                    Serdes.String().serializer());
            if (metadata != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                    && metadata.activeHost() != null && metadata.activeHost().port() > 0) {
                return metadata.activeHost();
            }
            if (attempt == OWNER_ATTEMPTS) {
                throw ApiException.unavailable("no instance owns " + service + " right now (rebalancing); retry");
            }
            Thread.sleep(OWNER_RETRY.toMillis());
        }
    }

    private Answer get(HostInfo host, String pathAndQuery) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                + pathAndQuery)).timeout(Duration.ofSeconds(5)).header(FORWARDED_HEADER, "true").GET();
        if (token != null) {
            request.header("Authorization", token.authorization());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " did not answer; retry");
        }
    }
}
