package dev.meshlens.app.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JVM of its own for a test or a benchmark: this JVM's {@code java} and class path, so it runs the same build. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The command that runs {@code mainClass} with {@code args} in a JVM with {@code jvmOptions}. */
    public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }
}
