package dev.meshlens.parser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The read-only corpus of real lines beside the project ({@code ../shared/corpus}); absent in a user's fresh
 * clone, where the tests that need it are skipped and say so.
 */
public final class SharedCorpus {
    private SharedCorpus() {
    }

    public static Optional<Path> dir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("corpus");
            if (Files.isRegularFile(candidate.resolve("envoy-real.log"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static String skipReason() {
        return "../shared/corpus is absent (a fresh clone has none): real-line corpus tests skipped";
    }
}
