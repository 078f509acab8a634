package dev.meshlens.benchmarks.rig;

/**
 * Traffic over {@code services} services, each seeing every one of {@link SyntheticMesh#FAILURES}: three
 * records in five are 200s, two are failures, and the failures walk all services x causes in turn, so that
 * every (service, cause) key is touched once per {@code services * causes} failures. Each cause then stays at
 * 4 % of its service's requests, under the built-in rules' 5 %: the background raises no alerts.
 */
public final class KeyedTraffic implements RecordSource {
    private static final int CAUSES = SyntheticMesh.FAILURES.size();

    private final SyntheticMesh mesh;
    private final int services;
    private long records;
    private long failures;

    public KeyedTraffic(SyntheticMesh mesh, int services) {
        this.mesh = mesh;
        this.services = services;
    }

    /** Distinct (service, cause) keys once every failure was sent once. */
    public long keys() {
        return (long) services * CAUSES;
    }

    @Override
    public byte[] next(long nowMillis) {
        long n = records++;
        if (n % 5 < 3) {
            return mesh.ok((int) (n % services), nowMillis);
        }
        long k = failures++ % keys();
        return mesh.failed((int) (k % services), SyntheticMesh.FAILURES.get((int) (k / services)), nowMillis);
    }
}
