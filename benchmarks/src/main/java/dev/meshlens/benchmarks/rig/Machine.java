package dev.meshlens.benchmarks.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What a figure was measured on: cores, JDK, time, and the load average (the machine is shared). */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.runtime.version")
                + ", " + Instant.now().truncatedTo(ChronoUnit.MINUTES) + ", load " + load();
    }

    public static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return avg[0] + " " + avg[1] + " " + avg[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
