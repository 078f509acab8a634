package dev.meshlens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WindowCountsTest {

    @Test
    void everyWindowKeepsItsCountAsTheTableGrows() {
        WindowCounts windows = new WindowCounts();
        TreeMap<Long, Long> expected = new TreeMap<>();
        // A day of one-minute windows, window n hit n % 7 + 1 times, visited out of order.
        for (int round = 0; round < 7; round++) {
            for (long n = 1439; n >= 0; n--) {
                if (n % 7 >= round) {
                    long start = 1_795_132_800_000L + n * 60_000;
                    windows.increment(start);
                    expected.merge(start, 1L, Long::sum);
                }
            }
        }
        assertEquals(expected, windows.sorted());
        assertEquals(1440, windows.sorted().size());
    }
}
