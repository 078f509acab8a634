package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.Field;
import java.util.EnumMap;
import java.util.Map;

/**
 * One request as Envoy saw it, before any format is applied: the source of truth every generated line is
 * rendered from and every parsed event is checked against. Text values are what Envoy prints (null: absent);
 * numbers are numbers ({@link #ABSENT}: absent).
 */
public final class AccessRecord {
    public static final long ABSENT = -1;

    private final Map<Field, String> texts = new EnumMap<>(Field.class);
    private final Map<Field, Long> numbers = new EnumMap<>(Field.class);
    private long startMillis;
    private FlagSet flags = FlagSet.NONE;
    private Cluster cluster = Cluster.ABSENT;
    /** Request header {@code X-FOO}, which MeshLens does not model: formats may print it, parsers skip it. */
    private String fooHeader = "foo-header-value";
    private long wireBytesSent;

    public AccessRecord text(Field field, String value) {
        if (field.kind() != Field.Kind.TEXT) {
            throw new IllegalArgumentException(field + " is not a text field");
        }
        texts.put(field, value);
        return this;
    }

    public AccessRecord number(Field field, long value) {
        if (field.kind() != Field.Kind.NUMBER) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        numbers.put(field, value);
        return this;
    }

    public AccessRecord startMillis(long millis) {
        this.startMillis = millis;
        return this;
    }

    public AccessRecord flags(FlagSet flags) {
        this.flags = flags;
        return this;
    }

    public AccessRecord cluster(Cluster cluster) {
        this.cluster = cluster;
        return this;
    }

    public AccessRecord fooHeader(String value) {
        this.fooHeader = value;
        return this;
    }

    public AccessRecord wireBytesSent(long value) {
        this.wireBytesSent = value;
        return this;
    }

    public String text(Field field) {
        return texts.get(field);
    }

    public long number(Field field) {
        return numbers.getOrDefault(field, ABSENT);
    }

    public long startMillis() {
        return startMillis;
    }

    public FlagSet flags() {
        return flags;
    }

    public Cluster cluster() {
        return cluster;
    }

    public String fooHeader() {
        return fooHeader;
    }

    public long wireBytesSent() {
        return wireBytesSent;
    }

    /** What a text format prints for the field (not for START_TIME, whose text depends on the format). */
    public String printed(Field field) {
        return switch (field.kind()) {
            case TEXT -> orDash(texts.get(field));
            case NUMBER -> number(field) == ABSENT ? "-" : Long.toString(number(field));
            case FLAGS -> flags.printed();
            case CLUSTER -> orDash(cluster.printed());
            default -> throw new IllegalArgumentException(field + " is not printed from the record");
        };
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
