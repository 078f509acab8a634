package dev.meshlens.parser.lines;

import java.util.Random;

/** Where a line was written and shipped from: the workload, and when the runtime or shipper stamped it. */
public record Origin(long timeMillis, String namespace, String pod, String container, String app, String version,
        String node, String stream) {

    public static Origin random(Random random) {
        String app = pick(random, "productpage", "reviews", "ratings", "details", "httpbin");
        String version = "v" + (1 + random.nextInt(3));
        String pod = app + "-" + version + "-" + Long.toString(random.nextLong() >>> 24, 36) + "-"
                + Integer.toString(random.nextInt(1 << 20), 36);
        long time = 1_500_000_000_000L + (long) (random.nextDouble() * 400_000_000_000L);
        return new Origin(time, pick(random, "default", "bookinfo", "istio-system"), pod, "istio-proxy", app,
                version, "node-" + random.nextInt(9), random.nextInt(4) == 0 ? "stderr" : "stdout");
    }

    static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
