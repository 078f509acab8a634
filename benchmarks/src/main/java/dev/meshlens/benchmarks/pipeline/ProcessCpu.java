package dev.meshlens.benchmarks.pipeline;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** CPU time (user plus system) of a process: this JVM's from its MXBean, another's from its process handle. */
final class ProcessCpu {
    private ProcessCpu() {
    }

    static long self() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** As the JDK reads it (on Linux, /proc/PID/stat), the way the rig's {@code AppProcess.cpuTime} does. */
    static long of(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }
}
