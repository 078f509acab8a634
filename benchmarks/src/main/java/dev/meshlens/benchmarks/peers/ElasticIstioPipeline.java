package dev.meshlens.benchmarks.peers;

import java.util.Map;
import org.elasticsearch.dissect.DissectParser;
import org.elasticsearch.grok.Grok;
import org.elasticsearch.grok.GrokBuiltinPatterns;
import org.elasticsearch.grok.MatcherWatchdog;

/**
 * The parsing core of Elastic's Istio integration ({@code elastic/integrations},
 * {@code packages/istio/data_stream/access_logs/elasticsearch/ingest_pipeline/pipeline-plaintext.yml}):
 * a dissect splits off the request, then a grok reads the rest of the line. Only the two processors run here,
 * with no ingest document around them and no watchdog thread, which flatters the peer.
 */
public final class ElasticIstioPipeline {
    /** The pipeline's dissect pattern, its YAML line folds turned into the single spaces they stand for. */
    static final String DISSECT =
            "[%{istio.access.time}] \"%{http.request.method} %{url.original} HTTP/%{http.version}\" %{istio.access.message}";
    /** The pipeline's grok pattern, folded the same way. */
    static final String GROK = "(-|%{NUMBER:http.response.status_code:long}) (-|%{DATA:istio.access.response.flags}) "
            + "(-|%{DATA:istio.access.response.code.details}) (-|%{DATA:istio.access.response.termination_details}) "
            + "\"(-|%{DATA:istio.access.upstream.transport_failure_reason})\" %{NUMBER:http.response.body.bytes:long} "
            + "%{NUMBER:http.request.body.bytes:long} (-|%{NUMBER:istio.access.request.duration:double}) "
            + "(-|%{NUMBER:istio.access.upstream.service_time:double}) \"(-|%{DATA:istio.access.x-forwarded-for})\" "
            + "\"(-|%{DATA:user_agent.original})\" \"%{DATA:http.request.id}\" \"(-|%{DATA:istio.access.authority})\" "
            + "\"(-|%{ISTIO_HOST:istio.access.upstream.host})\" (-|%{DATA:istio.access.upstream.cluster}) "
            + "(-|%{HOSTPORT:istio.access.upstream.address.local}) (-|%{HOSTPORT:istio.access.downstream.address.local}) "
            + "(-|%{HOSTPORT:istio.access.downstream.address.remote}) (-|%{DATA:istio.access.request.sni}) "
            + "(-|%{GREEDYDATA:istio.access.route_name})";

    private final DissectParser dissect = new DissectParser(DISSECT, "");
    private final Grok grok = new Grok(
            GrokBuiltinPatterns.legacyPatterns().extendWith(Map.of("ISTIO_HOST", "(%{HOSTPORT}|%{URI})")),
            GROK, MatcherWatchdog.noop(), warning -> { });

    /** Runs dissect then grok on one access line and fills {@code out}; false when either does not match. */
    public boolean extract(String line, ExtractedFields out) {
        out.clear();
        Map<String, String> request = dissect.parse(line);
        if (request == null) {
            return false;
        }
        Map<String, Object> rest = grok.captures(request.get("istio.access.message"));
        if (rest == null) {
            return false;
        }
        Object code = rest.get("http.response.status_code");
        Object duration = rest.get("istio.access.request.duration");
        out.access(code == null ? -1 : ((Number) code).intValue(),
                (String) rest.get("istio.access.response.flags"),
                duration == null ? -1 : ((Number) duration).longValue(),
                (String) rest.get("istio.access.upstream.cluster"));
        return true;
    }
}
