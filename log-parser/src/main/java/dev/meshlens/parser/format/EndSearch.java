package dev.meshlens.parser.format;

/**
 * How the end of a value that a literal follows is found, chosen once per token when a format is compiled. Each
 * names the {@link MatchSteps} method that finds it: {@link LogFormat}'s token loop calls that method, and a
 * generated matcher calls it by name.
 */
enum EndSearch {
    /** Exactly one space follows (most of a line): the first separator must be that space. */
    SPACE("spaceEnd", "([BII)I"),
    /** An unquoted value, then a literal that starts with a space or a quote: the first separator decides. */
    SEPARATOR("separatorEnd", "([BII[BJJ)I"),
    /** A value between quotes: the next quote that starts the literal after it. */
    QUOTED("quotedEnd", "([BII[BJJ)I"),
    /** A literal that starts with another byte (a {@code ]}, a comma): looked for up to the first separator. */
    LITERAL("literalEnd", "([BII[BJJZ)I");

    /** The {@link MatchSteps} method, and its descriptor: the line, from, end, then the literal's arguments. */
    final String step;
    final String descriptor;

    EndSearch(String step, String descriptor) {
        this.step = step;
        this.descriptor = descriptor;
    }
}
