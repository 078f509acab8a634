package dev.meshlens.diagnosis;

import static dev.meshlens.diagnosis.IstioLine.line;
import static dev.meshlens.diagnosis.IstioLine.localReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's rule file replaces the built-in table whole; a broken one is refused with what is wrong in it. */
class CauseRulesFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Lines lines = new Lines();

    @Test
    void aUserTableReplacesTheBuiltInOne() throws IOException {
        List<Map<String, Object>> rules = List.of(
                Map.of("cause", "rate-limited", "codes", List.of("503")),
                Map.of("cause", "other", "flagsAny", List.of("NoRouteFound")));
        CauseRules table = CauseRules.fromFile(write(causes(), rules));

        assertEquals(Cause.RATE_LIMITED, table.classify(lines.decode(localReply(503, "UH", "no_healthy_upstream").text())),
                "the user's first rule takes every 503, UH or not");
        assertEquals(Cause.OTHER, table.classify(lines.decode(localReply(404, "NR", "route_not_found").text())),
                "NR, named by its long name in the user's file");
        assertEquals(Cause.NONE, table.classify(lines.decode(line().code(500).text())),
                "no built-in rule is left: a 500 the user did not mention is no failure");
        assertEquals("user title of no-route", table.info(Cause.NO_ROUTE).title());
        assertEquals("user hint of no-route", table.info(Cause.NO_ROUTE).hint());
    }

    @Test
    void aRuleNamingAnUnknownCauseIsRefused() throws IOException {
        assertRefused("unknown cause id 'gremlins'", causes(), List.of(Map.of("cause", "gremlins")));
    }

    @Test
    void aTitleForAnUnknownCauseIsRefused() throws IOException {
        List<Map<String, Object>> causes = causes();
        causes.add(Map.of("id", "gremlins", "title", "Gremlins", "hint", "Feed them after midnight."));
        assertRefused("unknown cause id 'gremlins'", causes, List.of());
    }

    @Test
    void anUnknownFlagIsRefused() throws IOException {
        assertRefused("unknown response flag 'XX'", causes(),
                List.of(Map.of("cause", "no-route", "flagsAny", List.of("NR", "XX"))));
    }

    @Test
    void aCauseWithoutHintIsRefused() throws IOException {
        List<Map<String, Object>> causes = causes();
        causes.set(Cause.NO_ROUTE.ordinal() - 1, Map.of("id", "no-route", "title", "No route"));
        assertRefused("hint of no-route is missing", causes, List.of());
    }

    @Test
    void aCauseLeftOutIsRefused() throws IOException {
        List<Map<String, Object>> causes = causes();
        causes.remove(Cause.DNS_FAILURE.ordinal() - 1);
        assertRefused("cause 'dns-failure' has no title and hint", causes, List.of());
    }

    @Test
    void aCodeThatIsNeitherANumberNorAClassIsRefused() throws IOException {
        assertRefused("code '5x' is neither a number nor Nxx", causes(),
                List.of(Map.of("cause", "application-error", "codes", List.of("5x"))));
    }

    @Test
    void aRuleForNoneIsRefused() throws IOException {
        assertRefused("a rule cannot name cause 'none'", causes(), List.of(Map.of("cause", "none", "codes", List.of("200"))));
    }

    @Test
    void aConditionMeshLensDoesNotKnowIsRefusedByName() throws IOException {
        Path file = write(causes(), List.of(Map.of("cause", "no-route", "flagsAll", List.of("NR"))));
        IOException e = assertThrows(IOException.class, () -> CauseRules.fromFile(file));
        assertTrue(e.getMessage().contains("flagsAll"), e.getMessage());
    }

    private void assertRefused(String problem, List<Map<String, Object>> causes, List<Map<String, Object>> rules)
            throws IOException {
        Path file = write(causes, rules);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CauseRules.fromFile(file));
        assertEquals(file + ": " + problem, e.getMessage());
    }

    /** A title and a hint for every cause but none, in enum order. */
    private static List<Map<String, Object>> causes() {
        List<Map<String, Object>> causes = new ArrayList<>();
        for (Cause cause : Cause.values()) {
            if (cause != Cause.NONE) {
                causes.add(Map.of("id", cause.id(), "title", "user title of " + cause.id(),
                        "hint", "user hint of " + cause.id()));
            }
        }
        return causes;
    }

    private Path write(List<Map<String, Object>> causes, List<Map<String, Object>> rules) throws IOException {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("causes", causes);
        table.put("rules", rules);
        Path file = dir.resolve("causes.json");
        Files.writeString(file, JSON.writeValueAsString(table));
        return file;
    }
}
