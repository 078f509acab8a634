package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.schemas.SchemaFile;
import java.util.List;
import java.util.function.Consumer;

/** A change to a conforming document that a contract must reject, and the key its complaint must name. */
record Breakage(String name, String offendingKey, Consumer<ObjectNode> change) {
    void assertRejectedBy(SchemaFile contract, ObjectNode conforming) {
        assertEquals(List.of(), contract.violations(conforming), "the document before the change");
        change.accept(conforming);
        List<String> violations = contract.violations(conforming);
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(offendingKey)),
                () -> "expected a violation naming " + offendingKey + ", got " + violations);
    }

    @Override
    public String toString() {
        return name;
    }
}
