package dev.meshlens.benchmarks.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.NameInterner;
import dev.meshlens.diagnosis.ServiceIdentity;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmarks count keys by what they send: the pipeline's own parser and rules must read the same. */
class SyntheticMeshTest {
    private static final long START = 1_795_341_600_123L;

    private final AccessLogParser parser = AccessLogParser.forFormat("auto", 1 << 20);
    private final ServiceIdentity identity = new ServiceIdentity(new NameInterner(1000));
    private final CauseRules rules = CauseRules.builtIn();
    private final AccessEvent event = new AccessEvent();

    @Test
    void eachFailureIsReadAsItsCauseOnItsService() {
        SyntheticMesh mesh = new SyntheticMesh("svc");
        for (SyntheticMesh.Failure failure : SyntheticMesh.FAILURES) {
            assertEquals(failure.cause(), read(mesh.failed(7, failure, START)), failure.flags());
            assertEquals("svc-7.default", identity.service());
            assertEquals(Direction.OUTBOUND, identity.direction());
            assertEquals(START, event.eventTimeMillis());
        }
        assertEquals(Cause.NONE, read(mesh.ok(3, START)));
        assertEquals("svc-3.default", identity.service());
    }

    @Test
    void keyedTrafficTouchesEveryServiceAndCauseInOneRound() {
        KeyedTraffic traffic = new KeyedTraffic(new SyntheticMesh("svc"), 20);
        Set<String> keys = new HashSet<>();
        for (long i = 0; i < traffic.keys() * 5 / 2; i++) {
            Cause cause = read(traffic.next(START));
            if (cause != Cause.NONE) {
                keys.add(identity.service() + '|' + cause.id());
            }
        }
        assertEquals(traffic.keys(), keys.size());
        assertTrue(keys.contains("svc-19.default|dns-failure"));
    }

    private Cause read(byte[] record) {
        assertTrue(parser.parse(record, 0, record.length, event).hasEvent(), new String(record));
        identity.identify(event);
        return rules.classify(event);
    }
}
