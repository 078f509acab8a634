package dev.meshlens.benchmarks.rig;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of a benchmark's command line, with defaults. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    public Args(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    public double number(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
