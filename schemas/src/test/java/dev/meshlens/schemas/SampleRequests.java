package dev.meshlens.schemas;

import static dev.meshlens.parser.event.Field.AUTHORITY;
import static dev.meshlens.parser.event.Field.BYTES_RECEIVED;
import static dev.meshlens.parser.event.Field.BYTES_SENT;
import static dev.meshlens.parser.event.Field.CONNECTION_TERMINATION_DETAILS;
import static dev.meshlens.parser.event.Field.DOWNSTREAM_LOCAL_ADDRESS;
import static dev.meshlens.parser.event.Field.DOWNSTREAM_REMOTE_ADDRESS;
import static dev.meshlens.parser.event.Field.DURATION;
import static dev.meshlens.parser.event.Field.ISTIO_POLICY_STATUS;
import static dev.meshlens.parser.event.Field.METHOD;
import static dev.meshlens.parser.event.Field.PATH;
import static dev.meshlens.parser.event.Field.PROTOCOL;
import static dev.meshlens.parser.event.Field.REQUESTED_SERVER_NAME;
import static dev.meshlens.parser.event.Field.REQUEST_ID;
import static dev.meshlens.parser.event.Field.RESPONSE_CODE;
import static dev.meshlens.parser.event.Field.RESPONSE_CODE_DETAILS;
import static dev.meshlens.parser.event.Field.RESPONSE_FLAGS;
import static dev.meshlens.parser.event.Field.ROUTE_NAME;
import static dev.meshlens.parser.event.Field.START_TIME;
import static dev.meshlens.parser.event.Field.UPSTREAM_CLUSTER;
import static dev.meshlens.parser.event.Field.UPSTREAM_HOST;
import static dev.meshlens.parser.event.Field.UPSTREAM_LOCAL_ADDRESS;
import static dev.meshlens.parser.event.Field.UPSTREAM_SERVICE_TIME;
import static dev.meshlens.parser.event.Field.UPSTREAM_TRANSPORT_FAILURE_REASON;
import static dev.meshlens.parser.event.Field.USER_AGENT;
import static dev.meshlens.parser.event.Field.X_FORWARDED_FOR;

import java.util.List;

/** Requests of the kinds a mesh logs, written for these tests: served, failed, TCP, and one with nothing set. */
final class SampleRequests {
    private SampleRequests() {
    }

    static final SampleRequest SERVED = SampleRequest.named("served")
            .with(START_TIME, "2026-11-22T10:00:00.123Z")
            .with(METHOD, "GET")
            .with(PATH, "/productpage?user=jason&q=a%20b")
            .with(PROTOCOL, "HTTP/1.1")
            .with(RESPONSE_CODE, "200")
            .with(RESPONSE_CODE_DETAILS, "via_upstream")
            .with(BYTES_RECEIVED, "0")
            .with(BYTES_SENT, "5183")
            .with(DURATION, "12")
            .with(UPSTREAM_SERVICE_TIME, "11")
            .with(X_FORWARDED_FOR, "10.44.0.1")
            .with(USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
            .with(REQUEST_ID, "3f1a9c2e-7b4d-4e8a-9c1f-2d6b8e0a5c71")
            .with(AUTHORITY, "productpage:9080")
            .with(UPSTREAM_HOST, "10.44.1.27:9080")
            .with(UPSTREAM_CLUSTER, "outbound|9080|v1|reviews.default.svc.cluster.local")
            .with(UPSTREAM_LOCAL_ADDRESS, "10.44.1.23:37652")
            .with(DOWNSTREAM_LOCAL_ADDRESS, "10.0.45.184:9080")
            .with(DOWNSTREAM_REMOTE_ADDRESS, "10.44.1.23:46520")
            .with(ROUTE_NAME, "default");

    static final SampleRequest FAILED = SampleRequest.named("failed")
            .with(START_TIME, "2026-11-22T11:00:01.5+01:00")
            .with(METHOD, "POST")
            .with(PATH, "/reviews/0")
            .with(PROTOCOL, "HTTP/2")
            .with(RESPONSE_CODE, "503")
            .with(RESPONSE_FLAGS, "UF,URX")
            .with(RESPONSE_CODE_DETAILS, "upstream_reset_before_response_started{connection_failure}")
            .with(CONNECTION_TERMINATION_DETAILS, "upstream_connection_termination")
            .with(UPSTREAM_TRANSPORT_FAILURE_REASON,
                    "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end")
            .with(ISTIO_POLICY_STATUS, "UNAVAILABLE:no healthy upstream")
            .with(BYTES_RECEIVED, "1024")
            .with(BYTES_SENT, "91")
            .with(DURATION, "3002")
            .with(USER_AGENT, "Go-http-client/2.0")
            .with(REQUEST_ID, "0b9e2f6a-51c3-4d7e-8a2b-9f4c1e6d3a80")
            .with(AUTHORITY, "reviews.default.svc.cluster.local:9080")
            .with(UPSTREAM_CLUSTER, "outbound_.9080_.v2_.reviews.default.svc.cluster.local")
            .with(DOWNSTREAM_LOCAL_ADDRESS, "10.0.12.7:9080")
            .with(DOWNSTREAM_REMOTE_ADDRESS, "10.44.2.9:51812")
            .with(REQUESTED_SERVER_NAME, "outbound_.9080_.v2_.reviews.default.svc.cluster.local")
            .with(ROUTE_NAME, "reviews.default.svc.cluster.local:9080/*");

    static final SampleRequest TCP = SampleRequest.named("tcp")
            .with(START_TIME, "2026-11-22T10:00:02Z")
            .with(RESPONSE_CODE, "0")
            .with(RESPONSE_FLAGS, "UF,URX")
            .with(BYTES_RECEIVED, "0")
            .with(BYTES_SENT, "0")
            .with(DURATION, "1")
            .with(UPSTREAM_HOST, "10.44.3.5:3306")
            .with(UPSTREAM_CLUSTER, "inbound|3306||")
            .with(DOWNSTREAM_LOCAL_ADDRESS, "10.44.3.5:3306")
            .with(DOWNSTREAM_REMOTE_ADDRESS, "10.44.1.23:40112");

    static final SampleRequest NOTHING_SET = SampleRequest.named("nothing set");

    static final List<SampleRequest> ALL = List.of(SERVED, FAILED, TCP, NOTHING_SET);
}
