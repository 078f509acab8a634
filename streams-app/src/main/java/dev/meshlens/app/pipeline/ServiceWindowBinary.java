package dev.meshlens.app.pipeline;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.TopCounts;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * {@link ServiceWindow} in a compact binary form, for the repartition topic, the window store and its changelog,
 * where every partial is encoded and decoded several times: Jackson binding and base64 were about 15 % of the
 * stream thread's CPU (benchmarks/run-pipeline --jfr). The first byte, {@link #MAGIC}, tells it from the JSON
 * form ('{') that earlier versions wrote, which is still read. Directions and causes are written by their ids,
 * not ordinals, so that adding one to the enums does not misread stored state. The histogram is HdrHistogram's
 * uncompressed V2 encoding, as in the JSON form.
 */
final class ServiceWindowBinary {
    /** Version 1 of this layout. */
    static final byte MAGIC = 1;
    /** One encode buffer per thread, grown to the largest histogram seen: allocating it per partial was 16 kB. */
    private static final ThreadLocal<ByteBuffer> HISTOGRAM_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));
    private static final int NULL_STRING = -1;

    private ServiceWindowBinary() {
    }

    static byte[] write(ServiceWindow w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(MAGIC);
            writeString(out, w.service());
            out.writeLong(w.windowStart());
            out.writeLong(w.windowEnd());
            Direction[] directions = Direction.values();
            out.writeByte(directions.length);
            for (Direction d : directions) {
                writeString(out, d.id());
                out.writeLong(w.requests(d));
                out.writeLong(w.errors(d));
            }
            out.writeLong(w.bytes());
            writeHistogram(out, w.durations());
            List<ServiceWindow.CauseCounts> causes = w.causes();
            out.writeInt(causes.size());
            for (ServiceWindow.CauseCounts c : causes) {
                writeCause(out, c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeCause(DataOutputStream out, ServiceWindow.CauseCounts c) throws IOException {
        writeString(out, c.direction().id());
        writeString(out, c.cause().id());
        out.writeLong(c.count());
        out.writeLong(c.bytes());
        out.writeLong(c.flags());
        out.writeLong(c.firstSeen());
        out.writeLong(c.lastSeen());
        writeString(out, c.sampleRequestId());
        writeTop(out, c.upstreamHosts().top(ServiceWindow.TOP));
        writeTop(out, c.routes().top(ServiceWindow.TOP));
        writeTop(out, c.statusCodes().top(ServiceWindow.STATUS_TOP));
    }

    private static void writeTop(DataOutputStream out, List<TopCounts.Entry> entries) throws IOException {
        out.writeInt(entries.size());
        for (TopCounts.Entry e : entries) {
            writeString(out, e.key());
            out.writeLong(e.count());
        }
    }

    private static void writeHistogram(DataOutputStream out, Histogram h) throws IOException {
        ByteBuffer buffer = HISTOGRAM_BUFFER.get();
        int needed = h.getNeededByteBufferCapacity();
        if (buffer.capacity() < needed) {
            buffer = ByteBuffer.allocate(needed);
            HISTOGRAM_BUFFER.set(buffer);
        }
        buffer.clear();
        int length = h.encodeIntoByteBuffer(buffer);
        out.writeInt(length);
        out.write(buffer.array(), 0, length);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(NULL_STRING);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Reads what {@link #write} wrote; anything else fails with an exception for the serde to wrap. */
    static ServiceWindow read(byte[] bytes) throws DataFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.get() != MAGIC) {
            throw new IllegalArgumentException("unknown ServiceWindow version " + bytes[0]);
        }
        String service = readString(in);
        long windowStart = in.getLong();
        long windowEnd = in.getLong();
        int directionCount = in.get();
        long[] requests = new long[Direction.values().length];
        long[] errors = new long[requests.length];
        for (int i = 0; i < directionCount; i++) {
            int d = Direction.byId(readString(in)).ordinal();
            requests[d] = in.getLong();
            errors[d] = in.getLong();
        }
        long totalBytes = in.getLong();
        int histogramLength = in.getInt();
        ByteBuffer histogram = in.slice().limit(histogramLength);
        in.position(in.position() + histogramLength);
        ServiceWindow w = new ServiceWindow(service, windowStart, windowEnd, ServiceWindowSerde.durations(histogram));
        w.restore(requests, errors, totalBytes);
        int causeCount = in.getInt();
        for (int i = 0; i < causeCount; i++) {
            readCause(in, w);
        }
        return w;
    }

    private static void readCause(ByteBuffer in, ServiceWindow w) {
        ServiceWindow.CauseCounts c = w.causeCounts(Direction.byId(readString(in)), Cause.byId(readString(in)));
        c.count = in.getLong();
        c.bytes = in.getLong();
        c.flags = in.getLong();
        c.firstSeen = in.getLong();
        c.lastSeen = in.getLong();
        c.sampleRequestId = readString(in);
        readTop(in, c.upstreamHosts, false);
        readTop(in, c.routes, false);
        readTop(in, c.statusCodes, true);
    }

    private static void readTop(ByteBuffer in, TopCounts into, boolean intern) {
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            into.add(intern ? key.intern() : key, in.getLong());
        }
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length == NULL_STRING) {
            return null;
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
