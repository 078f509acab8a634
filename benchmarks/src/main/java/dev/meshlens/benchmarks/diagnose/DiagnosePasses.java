package dev.meshlens.benchmarks.diagnose;

import com.sun.management.OperatingSystemMXBean;
import dev.meshlens.app.Main;
import dev.meshlens.app.cli.StandardStreams;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@code meshlens diagnose FILE} run several times in one fresh JVM, each pass measured on its own: the first
 * pays the JIT (on the compiler threads: the process's CPU time minus this thread's), the later ones are what a
 * warm JVM pays, comparable with {@link ReadFloors}' thread CPU times. Subtracting a one-file run from a
 * two-file run instead gave differences below the noise of a shared machine, negative ones included. The
 * command goes through {@link Main}, so an older meshlens.jar ahead of this one on the class path runs as it is.
 * One line per pass: {@code pass N WALL_SECONDS THREAD_CPU_SECONDS PROCESS_CPU_SECONDS EXIT_CODE}.
 */
public final class DiagnosePasses {
    private static final int PASSES = 3;

    private DiagnosePasses() {
    }

    public static void main(String[] args) {
        ThreadMXBean thread = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrintStream results = System.out;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        // The command prints its report and progress on the process's own streams.
        System.setOut(discard);
        System.setErr(discard);
        for (int pass = 1; pass <= PASSES; pass++) {
            long wall = System.nanoTime();
            long cpu = thread.getCurrentThreadCpuTime();
            long processCpu = process.getProcessCpuTime();
            int exitCode = Main.commandLine(StandardStreams.system()).execute("diagnose", args[0]);
            results.printf(Locale.ROOT, "pass %d %.3f %.3f %.3f %d%n", pass, (System.nanoTime() - wall) / 1e9,
                    (thread.getCurrentThreadCpuTime() - cpu) / 1e9, (process.getProcessCpuTime() - processCpu) / 1e9,
                    exitCode);
        }
    }
}
