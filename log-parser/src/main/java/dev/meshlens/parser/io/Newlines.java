package dev.meshlens.parser.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line ends eight bytes at a time (SWAR): access lines are hundreds of bytes long, and a byte-by-byte
 * loop over them was a quarter of {@code meshlens diagnose}'s CPU time.
 */
final class Newlines {
    // Little-endian, so that the first newline in memory is the lowest set byte of the word.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Newlines() {
    }

    /** The index of the first {@code '\n'} in {@code b[from, end)}, or -1. */
    static int indexOf(byte[] b, int from, int end) {
        int i = from;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i) ^ NEWLINES;
            // A byte of the word is zero where the input has a newline; this sets its high bit. Bytes above the
            // first zero byte may be flagged wrongly, the lowest flag never is.
            long zeros = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
