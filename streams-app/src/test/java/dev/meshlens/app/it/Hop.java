package dev.meshlens.app.it;

import dev.meshlens.diagnosis.Direction;
import java.util.List;

/**
 * One leg of a request in a Bookinfo-like mesh as one sidecar logs it: the sidecar's workload, the cluster
 * and server name it logs, and the service and direction MeshLens must name for it (the rules documented on
 * {@code ServiceIdentity}).
 */
enum Hop {
    PRODUCTPAGE_TO_REVIEWS(Workload.PRODUCTPAGE, "outbound|9080|v2|reviews.default.svc.cluster.local", "-",
            "reviews:9080", "10.44.2.17:9080", "reviews.default", Direction.OUTBOUND),
    /** The server side: an inbound cluster names no host, the SNI-style server name does. */
    REVIEWS_INBOUND(Workload.REVIEWS, "inbound|9080||", "outbound_.9080_.v2_.reviews.default.svc.cluster.local",
            "reviews:9080", "10.44.2.17:9080", "reviews.default", Direction.INBOUND),
    REVIEWS_TO_RATINGS(Workload.REVIEWS, "outbound|9080||ratings.default.svc.cluster.local", "-",
            "ratings:9080", "10.44.3.8:9080", "ratings.default", Direction.OUTBOUND),
    PRODUCTPAGE_TO_DETAILS(Workload.PRODUCTPAGE, "outbound|9080||details.default.svc.cluster.local", "-",
            "details:9080", "10.44.1.30:9080", "details.default", Direction.OUTBOUND),
    /** An outbound cluster seen by a sidecar whose app label contains "gateway". */
    GATEWAY_TO_PRODUCTPAGE(Workload.INGRESS_GATEWAY, "outbound|9080||productpage.default.svc.cluster.local", "-",
            "bookinfo.example.com", "10.44.1.23:9080", "productpage.default", Direction.GATEWAY);

    /** The pods of one workload, as Fluent Bit's kubernetes filter labels them. */
    enum Workload {
        PRODUCTPAGE("productpage", "v1", "default", false,
                List.of("productpage-v1-7d6cfb7dfd-2xkqp", "productpage-v1-7d6cfb7dfd-9h4lz")),
        /** Shipped with the pod name as the record key (a lifted field named as Message_Key_Field). */
        REVIEWS("reviews", "v2", "default", true,
                List.of("reviews-v2-5b667bcbf8-4mtnv", "reviews-v2-5b667bcbf8-qc7sd", "reviews-v2-5b667bcbf8-zw2rb")),
        INGRESS_GATEWAY("istio-ingressgateway", "1.24.0", "istio-system", false,
                List.of("istio-ingressgateway-6c8d6b9f8-rv5xw"));

        final String app;
        final String version;
        final String namespace;
        final boolean keyedByPod;
        final List<String> pods;

        Workload(String app, String version, String namespace, boolean keyedByPod, List<String> pods) {
            this.app = app;
            this.version = version;
            this.namespace = namespace;
            this.keyedByPod = keyedByPod;
            this.pods = pods;
        }
    }

    final Workload workload;
    final String cluster;
    final String serverName;
    final String authority;
    final String upstreamHost;
    final String service;
    final Direction direction;

    Hop(Workload workload, String cluster, String serverName, String authority, String upstreamHost, String service,
            Direction direction) {
        this.workload = workload;
        this.cluster = cluster;
        this.serverName = serverName;
        this.authority = authority;
        this.upstreamHost = upstreamHost;
        this.service = service;
        this.direction = direction;
    }
}
