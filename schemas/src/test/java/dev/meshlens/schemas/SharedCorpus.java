package dev.meshlens.schemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The read-only corpus of real lines beside the project ({@code ../shared/corpus}); absent in a user's fresh
 * clone, where the tests that need it are skipped and say so. (log-parser has the same locator; it publishes
 * no test-jar to share it through.)
 */
final class SharedCorpus {
    private SharedCorpus() {
    }

    static Optional<Path> realLog() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("corpus").resolve("envoy-real.log");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String skipReason() {
        return "../shared/corpus is absent (a fresh clone has none): real-line schema tests skipped";
    }
}
