package dev.meshlens.benchmarks.rig;

import dev.meshlens.app.demo.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run keeps its broker data, instance state and instance logs: emptied at the start of a run, kept
 * after it so that the logs can be read. Not under /tmp, which Kafka Streams warns against for state.
 */
public final class WorkDir {
    private WorkDir() {
    }

    public static Path fresh(String dir) throws IOException {
        Path path = Path.of(dir).toAbsolutePath();
        EmbeddedKafka.deleteData(path);
        Files.createDirectories(path);
        return path;
    }
}
