package dev.meshlens.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of the schema's leaf properties a set of documents gave a value, and which it left blank ({@code null},
 * {@code []}, {@code false} or missing). A conformance test only proves something for the branches its
 * documents reach, so it checks that they reach both sides of every property.
 */
final class SchemaCoverage {
    /** Every leaf property as a JSON pointer, and whether the schema lets it be blank. */
    private final Map<String, Boolean> blankAllowed = new TreeMap<>();
    private final Set<String> givenAValue = new HashSet<>();
    private final Set<String> leftBlank = new HashSet<>();

    SchemaCoverage(JsonNode schema) {
        collectLeaves(schema, schema, "");
    }

    void record(JsonNode document) {
        for (String pointer : blankAllowed.keySet()) {
            JsonNode value = document.at(pointer);
            boolean blank = value.isMissingNode() || value.isNull() || (value.isArray() && value.isEmpty())
                    || (value.isBoolean() && !value.booleanValue());
            (blank ? leftBlank : givenAValue).add(pointer);
        }
    }

    Set<String> neverGivenAValue() {
        Set<String> missing = new TreeSet<>(blankAllowed.keySet());
        missing.removeAll(givenAValue);
        return missing;
    }

    Set<String> neverLeftBlank() {
        Set<String> missing = new TreeSet<>();
        blankAllowed.forEach((pointer, allowed) -> {
            if (allowed && !leftBlank.contains(pointer)) {
                missing.add(pointer);
            }
        });
        return missing;
    }

    private void collectLeaves(JsonNode root, JsonNode object, String prefix) {
        Set<String> required = new HashSet<>();
        object.path("required").forEach(name -> required.add(name.asText()));
        for (Map.Entry<String, JsonNode> entry : object.path("properties").properties()) {
            String pointer = prefix + "/" + entry.getKey();
            JsonNode property = entry.getValue();
            if (property.has("properties")) {
                collectLeaves(root, property, pointer);
            } else {
                blankAllowed.put(pointer, !required.contains(entry.getKey()) || canBeBlank(resolve(root, property)));
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode property) {
        String ref = property.path("$ref").asText("");
        return ref.startsWith("#") ? root.at(ref.substring(1)) : property;
    }

    private static boolean canBeBlank(JsonNode definition) {
        String type = definition.path("type").asText("");
        if (type.equals("array") || type.equals("boolean")) {
            return true;
        }
        for (JsonNode alternative : definition.path("oneOf")) {
            if (alternative.path("type").asText("").equals("null")) {
                return true;
            }
        }
        return false;
    }
}
