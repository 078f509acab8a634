package dev.meshlens.parser.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.MappedBytes;

/** A file read through a read-only Chronicle memory mapping, in chunks, so multi-GB logs stream from the page cache. */
final class MappedSource implements LineReader.Source {
    private static final long CHUNK = 64L << 20;
    private static final long OVERLAP = 1L << 20;

    private final MappedBytes bytes;
    private final long size;
    private long position;

    MappedSource(Path file) throws IOException {
        this.size = Files.size(file);
        this.bytes = size == 0 ? null : MappedBytes.mappedBytes(file.toFile(), CHUNK, OVERLAP, true);
        if (bytes != null) {
            // A fresh mapping's read limit is its write position (0); the file's length is what there is to read.
            bytes.readLimit(size);
        }
    }

    @Override
    public int read(byte[] dst, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        int read = bytes.read(dst, off, n);
        if (read <= 0) {
            return -1;
        }
        position += read;
        return read;
    }

    @Override
    public void close() {
        if (bytes != null) {
            bytes.releaseLast();
        }
    }
}
