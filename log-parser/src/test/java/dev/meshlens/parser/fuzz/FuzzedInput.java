package dev.meshlens.parser.fuzz;

import java.io.ByteArrayOutputStream;

/**
 * Writes the bytes from which Jazzer's {@code FuzzedDataProvider} reads back the given values, so seeds for
 * the structured targets are made from the project's own lines. As in libFuzzer, numbers come from the end of
 * the input (most significant byte first, as many bytes as the range needs) and byte arrays from the front.
 * Unlike libFuzzer, Jazzer returns a raw number that already lies in {@code [min, max]} as it is (only others
 * are folded into the range), so a value is written as itself.
 */
final class FuzzedInput {
    private final ByteArrayOutputStream front = new ByteArrayOutputStream();
    private final ByteArrayOutputStream numbersInReadOrder = new ByteArrayOutputStream();

    /** What {@code consumeInt(min, max)} or {@code consumeLong(min, max)} returns as {@code value}. */
    FuzzedInput number(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " outside [" + min + ", " + max + "]");
        }
        int size = 0;
        while (size < 8 && (max - min) >>> (8 * size) > 0) {
            size++;
        }
        for (int i = size - 1; i >= 0; i--) {
            numbersInReadOrder.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** What {@code consumeInt()} returns as {@code value}. */
    FuzzedInput number(int value) {
        return number(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** What {@code consumeBytes(consumeInt(0, max))} returns. */
    FuzzedInput bytes(byte[] value, int max) {
        number(value.length, 0, max);
        front.writeBytes(value);
        return this;
    }

    /** What {@code consumeRemainingAsBytes()} returns, once every number and byte array has been read. */
    byte[] withRemaining(byte[] rest) {
        front.writeBytes(rest);
        byte[] numbers = numbersInReadOrder.toByteArray();
        for (int i = numbers.length - 1; i >= 0; i--) {
            front.write(numbers[i]);
        }
        return front.toByteArray();
    }
}
