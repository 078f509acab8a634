package dev.meshlens.benchmarks.corpus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Lines laid out back to back in one array, newline separated, as a file or a fetched Kafka batch holds them:
 * every benchmark reads the same bytes from the same place.
 */
public final class LineCorpus {
    /** Lines per benchmark invocation: a few hundred, enough to mix every outcome, small enough for the caches. */
    public static final int LINES = 512;
    private static final long SEED = 20_261_122L;

    private final byte[] bytes;
    private final int[] offsets;
    private final int[] lengths;

    private LineCorpus(byte[] bytes, int[] offsets, int[] lengths) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /** The requests every benchmark reads, in one rendering or another. */
    public static List<Request> bookinfoRequests() {
        return BookinfoTraffic.generate(LINES, SEED);
    }

    /** The benchmarks' Bookinfo requests, each rendered by {@code renderer}. */
    public static LineCorpus bookinfo(Function<Request, String> renderer) {
        return of(bookinfoRequests().stream().map(renderer).toList());
    }

    public static LineCorpus of(List<String> lines) {
        byte[][] encoded = lines.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        int total = 0;
        for (byte[] line : encoded) {
            total += line.length + 1;
        }
        byte[] bytes = new byte[total];
        int[] offsets = new int[encoded.length];
        int[] lengths = new int[encoded.length];
        int at = 0;
        for (int i = 0; i < encoded.length; i++) {
            System.arraycopy(encoded[i], 0, bytes, at, encoded[i].length);
            offsets[i] = at;
            lengths[i] = encoded[i].length;
            at += encoded[i].length;
            bytes[at++] = '\n';
        }
        return new LineCorpus(bytes, offsets, lengths);
    }

    public int size() {
        return offsets.length;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset(int line) {
        return offsets[line];
    }

    public int length(int line) {
        return lengths[line];
    }

    public String line(int line) {
        return new String(bytes, offsets[line], lengths[line], StandardCharsets.UTF_8);
    }

    /** Mean line length in bytes, newline excluded. */
    public double meanLength() {
        return (bytes.length - size()) / (double) size();
    }
}
