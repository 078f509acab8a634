package dev.meshlens.parser.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Splits a byte source into lines without allocating per line: bytes are copied in large blocks into one
 * reusable buffer, and each line is handed out as {@code (buffer, offset, length)}. The source is a
 * memory-mapped file (Chronicle Bytes) or any stream (stdin). A line longer than {@code maxLineLength} is
 * reported, with its length, and skipped: memory stays bounded whatever the input.
 */
public final class LineReader implements Closeable {
    /** Receives lines; the buffer is only valid during the call. */
    public interface Handler {
        void line(byte[] buffer, int offset, int length, long lineNumber);

        void overlongLine(long lineNumber, long length);
    }

    /** Where bytes come from: reads up to {@code len} bytes into {@code dst}, or returns -1 at the end. */
    interface Source extends Closeable {
        int read(byte[] dst, int off, int len) throws IOException;
    }

    private static final int BLOCK = 1 << 20;

    private final Source source;
    private final int maxLineLength;
    private byte[] buf;
    private long bytesRead;

    private LineReader(Source source, int maxLineLength) {
        this.source = source;
        this.maxLineLength = maxLineLength;
        this.buf = new byte[Math.max(BLOCK, Math.min(maxLineLength + 1, 1 << 24)) + BLOCK];
    }

    /** Reads a file through a read-only Chronicle memory mapping. */
    public static LineReader mapped(Path file, int maxLineLength) throws IOException {
        return new LineReader(new MappedSource(file), maxLineLength);
    }

    public static LineReader stream(InputStream in, int maxLineLength) {
        return new LineReader(new Source() {
            @Override
            public int read(byte[] dst, int off, int len) throws IOException {
                return in.read(dst, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }, maxLineLength);
    }

    /** Bytes consumed so far, for progress reports. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Hands every line to {@code handler}; returns the number of lines. */
    public long forEachLine(Handler handler) throws IOException {
        long lineNumber = 0;
        int start = 0;
        int limit = 0;
        boolean skipping = false;
        long skippedLength = 0;
        while (true) {
            if (limit == buf.length) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, limit - start);
                    limit -= start;
                    start = 0;
                } else {
                    // One line fills the buffer: it is over the limit; drop what we have and skip to its end.
                    skipping = true;
                    skippedLength += limit;
                    limit = 0;
                }
            }
            int n = source.read(buf, limit, buf.length - limit);
            if (n < 0) {
                break;
            }
            bytesRead += n;
            int scanFrom = limit;
            limit += n;
            for (int i = Newlines.indexOf(buf, scanFrom, limit); i >= 0; i = Newlines.indexOf(buf, start, limit)) {
                lineNumber++;
                int length = i - start;
                if (skipping || length > maxLineLength) {
                    handler.overlongLine(lineNumber, skippedLength + length);
                    skipping = false;
                    skippedLength = 0;
                } else {
                    handler.line(buf, start, length, lineNumber);
                }
                start = i + 1;
            }
            if (start == limit) {
                start = 0;
                limit = 0;
            }
        }
        if (limit > start || skipping) {
            lineNumber++;
            int length = limit - start;
            if (skipping || length > maxLineLength) {
                handler.overlongLine(lineNumber, skippedLength + length);
            } else {
                handler.line(buf, start, length, lineNumber);
            }
        }
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        source.close();
        buf = new byte[0];
    }
}
