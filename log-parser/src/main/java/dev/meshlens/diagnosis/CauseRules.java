package dev.meshlens.diagnosis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ResponseFlag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cause rule table, loaded from data ({@code causes.json} on the classpath, or a user's file) and
 * compiled into primitive matchers: classifying an event walks the rules in order and allocates nothing.
 */
public final class CauseRules {
    private static final String BUILT_IN = "/dev/meshlens/diagnosis/causes.json";
    private static final Field[] EVIDENCE_FIELDS = {Field.RESPONSE_CODE_DETAILS,
        Field.CONNECTION_TERMINATION_DETAILS, Field.UPSTREAM_TRANSPORT_FAILURE_REASON};

    /** What operators read about a cause. */
    public record CauseInfo(Cause cause, String title, String hint) {
    }

    @JsonIgnoreProperties("description")
    record TableFile(List<CauseFile> causes, List<RuleFile> rules) {
    }

    record CauseFile(String id, String title, String hint) {
    }

    record RuleFile(String cause, List<String> codes, List<String> flagsAny, List<String> flagsNone,
            Boolean noFlags, List<String> anyFlagExcept, List<String> evidence, List<String> details,
            List<String> policyStatus) {
    }

    private final Rule[] rules;
    private final Map<Cause, CauseInfo> infos;

    private CauseRules(Rule[] rules, Map<Cause, CauseInfo> infos) {
        this.rules = rules;
        this.infos = infos;
    }

    /** The table shipped with MeshLens. */
    public static CauseRules builtIn() {
        try (InputStream in = CauseRules.class.getResourceAsStream(BUILT_IN)) {
            return load(in, BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user's table, which replaces the built-in one whole. */
    public static CauseRules fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    static CauseRules load(InputStream in, String source) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        TableFile table = mapper.readValue(in, TableFile.class);
        try {
            return compile(table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static CauseRules compile(TableFile table) {
        if (table.causes() == null || table.rules() == null) {
            throw new IllegalArgumentException("needs both \"causes\" and \"rules\"");
        }
        Map<Cause, CauseInfo> infos = new EnumMap<>(Cause.class);
        infos.put(Cause.NONE, new CauseInfo(Cause.NONE, "No failure", ""));
        for (CauseFile c : table.causes()) {
            Cause cause = Cause.byId(c.id());
            infos.put(cause, new CauseInfo(cause, require(c.title(), "title of " + c.id()),
                    require(c.hint(), "hint of " + c.id())));
        }
        for (Cause cause : Cause.values()) {
            if (!infos.containsKey(cause)) {
                throw new IllegalArgumentException("cause '" + cause.id() + "' has no title and hint");
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (RuleFile r : table.rules()) {
            rules.add(Rule.compile(r));
        }
        return new CauseRules(rules.toArray(new Rule[0]), infos);
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    public CauseInfo info(Cause cause) {
        return infos.get(cause);
    }

    /** The cause of the request the event describes, or {@link Cause#NONE} when it did not fail. */
    public Cause classify(AccessEvent event) {
        int code = event.responseCode();
        long flags = event.responseFlags();
        for (Rule rule : rules) {
            if (rule.matchesCodeAndFlags(code, flags) && rule.matchesText(event)) {
                return rule.cause;
            }
        }
        return Cause.NONE;
    }

    /**
     * The indexes of the rules a request with this code and flags can match, in order: what is left to check
     * is its text. Many lines share a (code, flags) pair, so {@link CauseMemo} keeps these.
     */
    int[] candidates(int code, long flags) {
        int[] matching = new int[rules.length];
        int count = 0;
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].matchesCodeAndFlags(code, flags)) {
                matching[count++] = i;
            }
        }
        return Arrays.copyOf(matching, count);
    }

    /** {@link #classify(AccessEvent)} for an event whose code and flags gave {@code candidates}. */
    Cause classify(AccessEvent event, int[] candidates) {
        for (int i : candidates) {
            if (rules[i].matchesText(event)) {
                return rules[i].cause;
            }
        }
        return Cause.NONE;
    }

    /** One compiled rule: every condition present must hold. */
    private static final class Rule {
        final Cause cause;
        final int[] exactCodes;
        /** Bit {@code n} set: any code in {@code n00..n99} matches. */
        final int codeClasses;
        final long flagsAny;
        final long flagsNone;
        final boolean noFlags;
        final long anyFlagExcept;
        final Needles evidence;
        final Needles details;
        final Needles policyStatus;

        private Rule(Cause cause, int[] exactCodes, int codeClasses, long flagsAny, long flagsNone, boolean noFlags,
                long anyFlagExcept, Needles evidence, Needles details, Needles policyStatus) {
            this.cause = cause;
            this.exactCodes = exactCodes;
            this.codeClasses = codeClasses;
            this.flagsAny = flagsAny;
            this.flagsNone = flagsNone;
            this.noFlags = noFlags;
            this.anyFlagExcept = anyFlagExcept;
            this.evidence = evidence;
            this.details = details;
            this.policyStatus = policyStatus;
        }

        static Rule compile(RuleFile r) {
            Cause cause = Cause.byId(r.cause());
            if (cause == Cause.NONE) {
                throw new IllegalArgumentException("a rule cannot name cause 'none'");
            }
            List<Integer> exact = new ArrayList<>();
            int classes = 0;
            for (String code : list(r.codes())) {
                if (code.matches("[1-9]xx")) {
                    classes |= 1 << (code.charAt(0) - '0');
                } else if (code.matches("\\d{1,3}")) {
                    exact.add(Integer.parseInt(code));
                } else {
                    throw new IllegalArgumentException("code '" + code + "' is neither a number nor Nxx");
                }
            }
            long except = r.anyFlagExcept() == null ? 0 : ~flags(r.anyFlagExcept());
            return new Rule(cause, exact.stream().mapToInt(Integer::intValue).toArray(), classes,
                    flags(r.flagsAny()), flags(r.flagsNone()), Boolean.TRUE.equals(r.noFlags()), except,
                    Needles.of(list(r.evidence())), Needles.of(list(r.details())),
                    Needles.of(list(r.policyStatus())));
        }

        private static List<String> list(List<String> values) {
            return values == null ? List.of() : values;
        }

        private static long flags(List<String> names) {
            long bits = 0;
            for (String name : list(names)) {
                ResponseFlag flag = ResponseFlag.byName(name);
                if (flag == null) {
                    throw new IllegalArgumentException("unknown response flag '" + name + "'");
                }
                bits |= flag.bit();
            }
            return bits;
        }

        boolean matchesCodeAndFlags(int code, long flags) {
            return !(flagsAny != 0 && (flags & flagsAny) == 0
                    || (flags & flagsNone) != 0
                    || noFlags && flags != 0
                    || anyFlagExcept != 0 && (flags & anyFlagExcept) == 0
                    || !codeMatches(code));
        }

        boolean matchesText(AccessEvent event) {
            return (details.isEmpty() || details.foundIn(event.text(Field.RESPONSE_CODE_DETAILS)))
                    && (policyStatus.isEmpty() || policyStatus.foundIn(event.text(Field.ISTIO_POLICY_STATUS)))
                    && (evidence.isEmpty() || evidenceMatches(event));
        }

        private boolean codeMatches(int code) {
            if (exactCodes.length == 0 && codeClasses == 0) {
                return true;
            }
            if (code >= 100 && code < 1000 && (codeClasses & (1 << (code / 100))) != 0) {
                return true;
            }
            for (int exact : exactCodes) {
                if (exact == code) {
                    return true;
                }
            }
            return false;
        }

        private boolean evidenceMatches(AccessEvent event) {
            for (Field field : EVIDENCE_FIELDS) {
                if (evidence.foundIn(event.text(field))) {
                    return true;
                }
            }
            return false;
        }
    }
}
