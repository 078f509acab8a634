package dev.meshlens.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopCountsTest {

    @Test
    void countsExactlyWhileKeysFitAndSortsByCountThenName() {
        TopCounts counter = new TopCounts(4);
        for (String key : List.of("b", "a", "c", "a", "b", "a")) {
            counter.add(key.intern());
        }
        assertEquals(List.of(new TopCounts.Entry("a", 3), new TopCounts.Entry("b", 2)), counter.top(2));
    }

    @Test
    void aHeavyHitterSurvivesAStreamOfOneOffKeys() {
        TopCounts counter = new TopCounts(8);
        String heavy = "10.40.2.17:9080";
        for (int i = 0; i < 1000; i++) {
            counter.add(heavy);
            counter.add(("10.40.9." + i + ":9080").intern());
        }
        TopCounts.Entry top = counter.top(1).get(0);
        assertEquals(heavy, top.key());
        // Space-Saving over-counts by at most the smallest tracked count, never under-counts.
        assertTrue(top.count() >= 1000, "count " + top.count());
    }
}
