package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A listing merged from every instance's local answer is whole only when those answers cover each partition
 * of the state exactly once: a gap (a task restoring or not yet handed over) or an overlap is 503.
 */
class PartitionCoverTest {
    @Test
    void acceptsEachPartitionOnceWhoeverAnswersIt() {
        assertDoesNotThrow(() -> ClusterQueries.requireEachPartitionOnce(4, List.of(List.of(0, 3), List.of(2, 1))));
        assertDoesNotThrow(() -> ClusterQueries.requireEachPartitionOnce(4, List.of(List.of(0, 1, 2, 3), List.of())));
    }

    @Test
    void refusesAGapSuchAsATaskStillRestoring() {
        ApiException e = assertThrows(ApiException.class,
                () -> ClusterQueries.requireEachPartitionOnce(4, List.of(List.of(0, 1), List.of(3))));
        assertEquals(503, e.status());
        assertEquals("state is moving between instances (partitions not answered for: [2], answered twice: []); retry",
                e.getMessage());
    }

    @Test
    void refusesAPartitionAnsweredByTwoInstances() {
        ApiException e = assertThrows(ApiException.class,
                () -> ClusterQueries.requireEachPartitionOnce(2, List.of(List.of(0, 1), List.of(1))));
        assertEquals(503, e.status());
        assertEquals("state is moving between instances (partitions not answered for: [], answered twice: [1]); retry",
                e.getMessage());
    }

    @Test
    void countsAPartitionItsOwnMetadataDoesNotKnowYet() {
        // The local metadata says 2 partitions; another instance, with newer metadata, answers for a third.
        assertThrows(ApiException.class,
                () -> ClusterQueries.requireEachPartitionOnce(2, List.of(List.of(0, 2), List.of(1, 2))));
        assertDoesNotThrow(() -> ClusterQueries.requireEachPartitionOnce(2, List.of(List.of(0, 2), List.of(1))));
    }

    @Test
    void refusesAnAnswerBeforeAnyPartitionIsAssigned() {
        assertEquals(503, assertThrows(ApiException.class,
                () -> ClusterQueries.requireEachPartitionOnce(0, List.of(List.of()))).status());
    }
}
