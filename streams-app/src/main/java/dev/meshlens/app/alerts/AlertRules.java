package dev.meshlens.app.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.diagnosis.Cause;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** When a cause becomes an alert: data ({@code alert-rules.json}, or a user's file replacing it). */
public final class AlertRules {
    private static final String BUILT_IN = "/dev/meshlens/app/alerts/alert-rules.json";

    /** One rule, compiled: the causes it watches and its thresholds. */
    public record Rule(String name, String severity, Set<Cause> causes, long minCount, double minRatio) {
        boolean breached(long count, long requests) {
            return count >= minCount && requests > 0 && (double) count / requests >= minRatio;
        }
    }

    @JsonIgnoreProperties("description")
    record File(Integer resolveAfterQuietWindows, List<RuleFile> rules) {
    }

    record RuleFile(String name, String severity, List<String> causes, List<String> excludeCauses, Long minCount,
            Double minRatio) {
    }

    private final List<Rule> rules;
    private final int resolveAfterQuietWindows;

    private AlertRules(List<Rule> rules, int resolveAfterQuietWindows) {
        this.rules = rules;
        this.resolveAfterQuietWindows = resolveAfterQuietWindows;
    }

    public static AlertRules builtIn() {
        try (InputStream in = AlertRules.class.getResourceAsStream(BUILT_IN)) {
            return load(in, BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AlertRules fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    static AlertRules load(InputStream in, String source) throws IOException {
        File file = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, File.class);
        try {
            if (file.rules() == null || file.rules().isEmpty()) {
                throw new IllegalArgumentException("no rules");
            }
            int quiet = file.resolveAfterQuietWindows() == null ? 1 : file.resolveAfterQuietWindows();
            if (quiet < 1) {
                throw new IllegalArgumentException("resolveAfterQuietWindows must be at least 1");
            }
            return new AlertRules(file.rules().stream().map(AlertRules::compile).toList(), quiet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Rule compile(RuleFile r) {
        if (r.name() == null || r.causes() == null || r.minCount() == null || r.minRatio() == null) {
            throw new IllegalArgumentException("a rule needs name, causes, minCount and minRatio: " + r);
        }
        if (r.minCount() < 1 || r.minRatio() < 0 || r.minRatio() > 1) {
            throw new IllegalArgumentException(r.name() + ": minCount >= 1 and 0 <= minRatio <= 1");
        }
        Set<Cause> causes = EnumSet.noneOf(Cause.class);
        for (String id : r.causes()) {
            if (id.equals("*")) {
                causes.addAll(EnumSet.complementOf(EnumSet.of(Cause.NONE)));
            } else {
                causes.add(Cause.byId(id));
            }
        }
        if (r.excludeCauses() != null) {
            r.excludeCauses().forEach(id -> causes.remove(Cause.byId(id)));
        }
        return new Rule(r.name(), r.severity() == null ? "warning" : r.severity(), causes, r.minCount(), r.minRatio());
    }

    /** The first rule that watches {@code cause}, or null. */
    public Rule ruleFor(Cause cause) {
        for (Rule rule : rules) {
            if (rule.causes().contains(cause)) {
                return rule;
            }
        }
        return null;
    }

    public int resolveAfterQuietWindows() {
        return resolveAfterQuietWindows;
    }

    public List<Rule> rules() {
        return rules;
    }
}
