package dev.meshlens.parser.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time searches and comparison agree with a byte-by-byte loop at every offset, length and alignment. */
class BytesTest {
    /** Few distinct values, so every searched byte shows up at every position of a word, high bytes too. */
    private static final byte[] ALPHABET = {'a', ' ', '"', '\\', '|', (byte) 0xE2, (byte) 0xA2, (byte) (0x22 + 0x80)};

    @Test
    void searchesAndComparisonsAgreeWithAPlainLoop() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // Mostly 'a', so that matches are sparse and runs cross word boundaries.
                b[i] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) 'a';
            }
            for (int from = 0; from <= b.length; from++) {
                for (int end = from; end <= b.length; end++) {
                    assertEquals(naive(b, from, end, '"', '"'), Bytes.indexOfQuote(b, from, end));
                    assertEquals(naive(b, from, end, '|', '|'), Bytes.indexOf(b, from, end, (byte) '|'));
                    assertEquals(naive(b, from, end, 0xE2, 0xE2), Bytes.indexOf(b, from, end, (byte) 0xE2));
                    assertEquals(naive(b, from, end, ' ', '"'), Bytes.indexOfSpaceOrQuote(b, from, end));
                    assertEquals(naive(b, from, end, '"', '\\'), Bytes.indexOfQuoteOrBackslash(b, from, end));
                    byte[] copy = Arrays.copyOfRange(b, from, end);
                    assertTrue(Bytes.equals(copy, b, from, end - from));
                    if (copy.length > 0) {
                        int changed = random.nextInt(copy.length);
                        copy[changed] ^= 1;
                        assertFalse(Bytes.equals(copy, b, from, end - from), () -> "byte " + changed + " differs");
                    }
                }
            }
        }
    }

    @Test
    void leadingDigitsAndTheirValueAgreeWithAPlainLoopForEveryByte() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[Long.BYTES];
            for (int i = 0; i < b.length; i++) {
                // Mostly digits; otherwise any byte, the neighbours of '0' and '9' and high bytes included.
                b[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) ('0' + random.nextInt(10));
            }
            long word = Bytes.word(b, 0);
            int digits = 0;
            long value = 0;
            while (digits < b.length && Bytes.isDigit(b[digits])) {
                value = value * 10 + b[digits++] - '0';
            }
            assertEquals(digits, Bytes.leadingDigits(word), () -> Arrays.toString(b));
            for (int k = 1; k <= digits; k++) {
                assertEquals(Bytes.parseUnsigned(b, 0, k), Bytes.digitsValue(word, k), Arrays.toString(b));
                assertEquals(b[k - 1] & 0xFF, Bytes.byteAt(word, k - 1));
            }
        }
        for (int c = 0; c < 256; c++) {
            byte[] b = {(byte) c, '1', '2', '3', '4', '5', '6', '7'};
            assertEquals(Bytes.isDigit((byte) c) ? 8 : 0, Bytes.leadingDigits(Bytes.word(b, 0)), "byte " + c);
        }
        assertEquals(99_999_999L, Bytes.digitsValue(Bytes.word("99999999".getBytes(), 0), 8));
    }

    private static int naive(byte[] b, int from, int end, int one, int other) {
        for (int i = from; i < end; i++) {
            if (b[i] == (byte) one || b[i] == (byte) other) {
                return i;
            }
        }
        return -1;
    }
}
