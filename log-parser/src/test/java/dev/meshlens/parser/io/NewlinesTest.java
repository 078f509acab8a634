package dev.meshlens.parser.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlinesTest {
    private static int naive(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstNewlineAtEveryPositionAndAlignment() {
        byte[] b = new byte[40];
        for (int at = 0; at < b.length; at++) {
            Arrays.fill(b, (byte) 'x');
            b[at] = '\n';
            for (int from = 0; from < b.length; from++) {
                for (int end = from; end <= b.length; end++) {
                    assertEquals(naive(b, from, end), Newlines.indexOf(b, from, end), at + " " + from + " " + end);
                }
            }
        }
    }

    @Test
    void bytesThatAreNotNewlinesNeverMatch() {
        // Neighbours of 0x0A, high-bit bytes (UTF-8) and 0x8A, whose low seven bits are a newline's.
        byte[] tricky = {0x09, 0x0B, 0x0A - 0x01, (byte) 0x8A, (byte) 0xFF, 0x00, (byte) 0x80, 0x7F, 0x0B, (byte) 0x8A};
        assertEquals(-1, Newlines.indexOf(tricky, 0, tricky.length));
    }

    @Test
    void agreesWithAByteLoopOnRandomBytes() {
        Random random = new Random(7);
        byte[] b = new byte[4096];
        for (int round = 0; round < 200; round++) {
            random.nextBytes(b);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n' && random.nextInt(4) != 0) {
                    b[i] = 'y';
                }
            }
            int from = random.nextInt(b.length);
            int end = from + random.nextInt(b.length - from + 1);
            for (int i = from, found = 0; found >= 0; i = found + 1) {
                found = naive(b, i, end);
                assertEquals(found, Newlines.indexOf(b, i, end));
            }
        }
    }
}
