package dev.meshlens.app.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.TopCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link ServiceWindow} for the repartition topic, the window store and its changelog, written in
 * {@link ServiceWindowBinary}'s form; the JSON form that earlier versions wrote there is still read, so existing
 * state restores. JSON stays the form of answers between instances ({@link #toJsonArray}). In JSON the duration
 * histogram travels in HdrHistogram's V2 encoding, base64.
 *
 * <p>Uncompressed: the V2 encoding already packs counts as varints and runs of empty buckets as one number, so
 * deflating it on top saved little, while every partial is encoded and decoded several times on its way (repartition,
 * store, changelog) and Deflater and Inflater were a large share of the pipeline's CPU (benchmarks/run-pipeline
 * with --jfr). Histograms written compressed by earlier versions are still read.
 */
public final class ServiceWindowSerde implements Serde<ServiceWindow> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** HdrHistogram's cookie for its compressed V2 encoding, without bits 4-7, which hold the word size. */
    private static final int COMPRESSED_V2_COOKIE_BASE = 0x1c849304;
    private static final int COOKIE_WORD_SIZE_BITS = 0xf0;

    record Data(String service, long windowStart, long windowEnd, long[] requests, long[] errors, long bytes,
            List<CauseData> causes, String durations) {
    }

    record CauseData(String direction, String cause, long count, long bytes, long flags, long firstSeen,
            long lastSeen, String sampleRequestId, List<TopCounts.Entry> upstreamHosts, List<TopCounts.Entry> routes,
            List<TopCounts.Entry> statusCodes) {
    }

    @Override
    public Serializer<ServiceWindow> serializer() {
        return (topic, window) -> window == null ? null : toBytes(window);
    }

    @Override
    public Deserializer<ServiceWindow> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    /** Many windows as one JSON array, for answers between instances. */
    public static byte[] toJsonArray(List<ServiceWindow> windows) {
        try {
            return MAPPER.writeValueAsBytes(windows.stream().map(ServiceWindowSerde::data).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ServiceWindow> fromJsonArray(byte[] json) {
        try {
            Data[] all = MAPPER.readValue(json, Data[].class);
            return java.util.Arrays.stream(all).map(ServiceWindowSerde::window).toList();
        } catch (IOException e) {
            throw new SerializationException("not a list of ServiceWindows: " + e.getMessage(), e);
        }
    }

    static byte[] toBytes(ServiceWindow w) {
        return ServiceWindowBinary.write(w);
    }

    private static Data data(ServiceWindow w) {
        List<CauseData> causes = w.causes().stream().map(c -> new CauseData(c.direction().id(), c.cause().id(),
                c.count(), c.bytes(), c.flags(), c.firstSeen(), c.lastSeen(), c.sampleRequestId(),
                c.upstreamHosts().top(ServiceWindow.TOP), c.routes().top(ServiceWindow.TOP), c.statusCodes().top(ServiceWindow.STATUS_TOP))).toList();
        Direction[] directions = Direction.values();
        long[] requests = new long[directions.length];
        long[] errors = new long[directions.length];
        for (Direction d : directions) {
            requests[d.ordinal()] = w.requests(d);
            errors[d.ordinal()] = w.errors(d);
        }
        Histogram h = w.durations();
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoByteBuffer(buffer);
        String durations = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
        return new Data(w.service(), w.windowStart(), w.windowEnd(), requests, errors, w.bytes(), causes, durations);
    }

    static ServiceWindow fromBytes(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == ServiceWindowBinary.MAGIC) {
            try {
                return ServiceWindowBinary.read(bytes);
            } catch (DataFormatException | RuntimeException e) {
                throw new SerializationException("not a ServiceWindow: " + e, e);
            }
        }
        try {
            return window(MAPPER.readValue(bytes, Data.class));
        } catch (IOException e) {
            throw new SerializationException("not a ServiceWindow: " + e.getMessage(), e);
        }
    }

    private static ServiceWindow window(Data data) {
        try {
            Histogram durations = durations(ByteBuffer.wrap(Base64.getDecoder().decode(data.durations())));
            ServiceWindow w = new ServiceWindow(data.service(), data.windowStart(), data.windowEnd(), durations);
            w.restore(data.requests(), data.errors(), data.bytes());
            for (CauseData c : data.causes()) {
                ServiceWindow.CauseCounts counts = w.causeCounts(Direction.byId(c.direction()), Cause.byId(c.cause()));
                counts.count = c.count();
                counts.bytes = c.bytes();
                counts.flags = c.flags();
                counts.firstSeen = c.firstSeen();
                counts.lastSeen = c.lastSeen();
                counts.sampleRequestId = c.sampleRequestId();
                c.upstreamHosts().forEach(e -> counts.upstreamHosts.add(e.key(), e.count()));
                c.routes().forEach(e -> counts.routes.add(e.key(), e.count()));
                if (c.statusCodes() != null) {
                    c.statusCodes().forEach(e -> counts.statusCodes.add(e.key().intern(), e.count()));
                }
            }
            return w;
        } catch (DataFormatException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("not a ServiceWindow: " + e.getMessage(), e);
        }
    }

    static Histogram durations(ByteBuffer encoded) throws DataFormatException {
        boolean compressed = encoded.remaining() >= Integer.BYTES
                && (encoded.getInt(encoded.position()) & ~COOKIE_WORD_SIZE_BITS) == COMPRESSED_V2_COOKIE_BASE;
        return compressed ? Histogram.decodeFromCompressedByteBuffer(encoded, 0) : Histogram.decodeFromByteBuffer(encoded, 0);
    }
}
