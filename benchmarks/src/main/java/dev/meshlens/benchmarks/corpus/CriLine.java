package dev.meshlens.benchmarks.corpus;

/** An Istio text line as the kubelet stores it on the node: CRI's {@code <time> stdout F } in front. */
public final class CriLine {
    private CriLine() {
    }

    public static String render(Request r) {
        return FluentBitRecord.criTime(r) + " stdout F " + IstioTextLine.render(r);
    }
}
