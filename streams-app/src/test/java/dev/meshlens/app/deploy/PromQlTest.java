package dev.meshlens.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The extraction {@link MonitoringTest} relies on finds the names, and only the names. */
class PromQlTest {

    @Test
    void findsMetricsAndLabelsAmongFunctionsClausesAndMatchers() {
        PromQl query = PromQl.of("sum by (service, cause) (rate(a_total{job=\"x\", cause!~\"b|c{1}\"}[$__rate_interval]))"
                + " / on() group_left() sum(rate(b_total[5m] offset 1h)) > 0.01 and vector(1) or absent(c{d=~\"$v\"})"
                + " unless histogram_quantile(0.9, e_bucket) > bool 1e3");
        assertEquals(Set.of("a_total", "b_total", "c", "e_bucket"), query.metrics());
        assertEquals(Set.of("job", "cause", "service", "d"), query.labels());
    }

    @Test
    void readsGrafanasLabelValues() {
        PromQl query = PromQl.ofGrafanaQuery("label_values(m_total{job=\"x\"}, service)");
        assertEquals(Set.of("m_total"), query.metrics());
        assertEquals(Set.of("job", "service"), query.labels());
    }
}
