package dev.meshlens.app.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.StreamSupport;

/** The files under {@code deploy/}, read as YAML (one or many documents) or JSON. */
final class DeployFiles {
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {
    }

    /** The project's root: Maven runs unit tests in the module's directory, one below it. */
    static Path root() {
        Path root = Path.of(System.getProperty("meshlens.project.dir", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(root.resolve("deploy")), "no deploy/ under " + root);
        return root;
    }

    static Path path(String relative) {
        Path path = root().resolve(relative);
        assertTrue(Files.isRegularFile(path), "missing " + path);
        return path;
    }

    /** Every non-empty YAML document of a file, in order. */
    static List<JsonNode> documents(String relative) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            MappingIterator<JsonNode> all = YAML.readerFor(JsonNode.class).readValues(path(relative).toFile());
            for (JsonNode document : all.readAll()) {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(relative + " is not YAML", e);
        }
    }

    /** A file of exactly one YAML document. */
    static JsonNode yaml(String relative) {
        List<JsonNode> documents = documents(relative);
        assertTrue(documents.size() == 1, relative + " has " + documents.size() + " documents, not one");
        return documents.get(0);
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(relative + " is not JSON", e);
        }
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's ConfigMap in the cluster: the properties file of meshlens run and meshlens topics create. */
    static JsonNode appConfigMap() {
        return yaml("deploy/kubernetes/config.yaml");
    }

    /** The one Kubernetes object of {@code kind} named {@code name} among {@code documents}. */
    static JsonNode object(List<JsonNode> documents, String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no " + kind + " " + name));
    }

    /** The one Kubernetes object of {@code kind} among {@code documents}. */
    static JsonNode only(List<JsonNode> documents, String kind) {
        List<JsonNode> found = documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertTrue(found.size() == 1, "expected one " + kind + ", found " + found.size());
        return found.get(0);
    }

    /** The elements of a YAML/JSON array (none when missing). */
    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The array's elements whose {@code name} field is {@code name}. */
    static JsonNode named(JsonNode array, String name) {
        return list(array).stream().filter(e -> name.equals(e.path("name").asText())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("nothing named " + name + " in " + array));
    }
}
