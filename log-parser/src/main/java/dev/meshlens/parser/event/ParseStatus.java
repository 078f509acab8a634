package dev.meshlens.parser.event;

/** The outcome of decoding one record. Only {@link #OK} and {@link #PARTIAL} carry an event. */
public enum ParseStatus {
    OK("parsed"),
    /** The line stopped matching (truncated, or cut by its author) after the response code and flags. */
    PARTIAL("parsed up to the reported offset; later fields are absent"),
    EMPTY("empty line"),
    TOO_LONG("line longer than the configured maximum"),
    NOT_ACCESS_LOG("not an access-log line in any known format"),
    TRUNCATED("line ends before the response code and flags"),
    BAD_FIELD("a field's value does not fit its type"),
    BAD_JSON("malformed JSON"),
    BAD_ENVELOPE("envelope without an access line (no log or message string)");

    private final String reason;

    ParseStatus(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public boolean hasEvent() {
        return this == OK || this == PARTIAL;
    }
}
