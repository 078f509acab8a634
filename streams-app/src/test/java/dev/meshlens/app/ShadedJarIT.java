package dev.meshlens.app;

import static dev.meshlens.app.cli.SampleLines.ENVOY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshlens.app.cli.CliRun;
import dev.meshlens.app.cli.CliRun.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code meshlens.jar} runs with a plain {@code java -jar}: its manifest opens what Chronicle needs. */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("meshlens.jar"));

    @Test
    void manifestOpensAndExportsWhatTheTestJvmsAreGiven() throws IOException {
        String jvmFlags = System.getProperty("chronicle.jvm.flags", "");
        Set<String> opens = modulePackages(jvmFlags, "opens");
        Set<String> exports = modulePackages(jvmFlags, "exports");
        assertFalse(opens.isEmpty(), "no --add-opens in chronicle.jvm.flags: " + jvmFlags);
        assertFalse(exports.isEmpty(), "no --add-exports in chronicle.jvm.flags: " + jvmFlags);

        Attributes manifest;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            manifest = jar.getManifest().getMainAttributes();
        }

        assertEquals(Main.class.getName(), manifest.getValue("Main-Class"));
        assertEquals(opens, Set.of(manifest.getValue("Add-Opens").split(" ")));
        assertEquals(exports, Set.of(manifest.getValue("Add-Exports").split(" ")));
    }

    @Test
    void runsWithNoJvmFlags(@TempDir Path dir) throws IOException, InterruptedException {
        Path log = Files.write(dir.resolve("access.log"), List.of(ENVOY), StandardCharsets.UTF_8);

        CliRun run = Processes.run(dir, "", Map.of(),
                List.of(Processes.java().toString(), "-jar", JAR.toString(), "parse", log.toString()));

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        assertEquals(1, run.events().size());
        assertEquals(1, run.stderr().size(), () -> "a JDK-access warning or error got in: " + run.stderr());
        assertEquals(new Summary(1, 1, 0, 0), run.summary());
    }

    /** The {@code module/package} of every {@code --add-KIND=module/package=ALL-UNNAMED} in {@code jvmFlags}. */
    private static Set<String> modulePackages(String jvmFlags, String kind) {
        Matcher m = Pattern.compile("--add-" + kind + "=(\\S+)=ALL-UNNAMED").matcher(jvmFlags);
        Set<String> packages = new HashSet<>();
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }
}
