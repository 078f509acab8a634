package dev.meshlens.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.cli.CliRun;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.pipeline.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshlens topics create} without a broker: its arguments, and what it says when it cannot create. */
class TopicsCommandTest {

    @Test
    void rejectsPartitionsBelowOne() {
        CliRun run = CliRun.run("topics", "create", "--partitions", "0");
        assertEquals(2, run.exitCode());
        assertTrue(String.join("\n", run.stderr()).contains("--partitions"), run.stderr().toString());
    }

    @Test
    void rejectsReplicationFactorBelowOne() {
        CliRun run = CliRun.run("topics", "create", "--replication-factor", "0");
        assertEquals(2, run.exitCode());
        assertTrue(String.join("\n", run.stderr()).contains("--replication-factor"), run.stderr().toString());
    }

    @Test
    void asksForASubcommand() {
        CliRun run = CliRun.run("topics");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().stream().anyMatch(l -> l.strip().startsWith("create ")), run.stderr().toString());
    }

    /** Port 1 refuses connections: every topic fails, each is named, and the exit code says so. */
    @Test
    void reportsEveryTopicItCouldNotCreate(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("meshlens.properties");
        Files.write(config, List.of("bootstrap.servers=127.0.0.1:1", "default.api.timeout.ms=3000",
                "request.timeout.ms=1000", "meshlens.input.topic=mesh.logs"));

        CliRun run = CliRun.run("topics", "create", "--config", config.toString());

        assertEquals(1, run.exitCode(), run.stdout().toString());
        Properties settings = new Properties();
        settings.setProperty("meshlens.input.topic", "mesh.logs");
        for (Topics.Definition topic : Topics.of(PipelineSettings.from(settings))) {
            assertTrue(run.stderr().stream().anyMatch(l -> l.contains(topic.name() + " failed")),
                    topic.name() + " not reported: " + run.stderr());
        }
        assertTrue(run.stdout().isEmpty(), run.stdout().toString());
    }
}
