package dev.meshlens.parser.lines;

/**
 * JSON string literals the way different writers escape them. All are valid JSON for the same text, so a reader
 * must decode every one to the same bytes.
 */
public enum JsonEscaping {
    /** Only what JSON requires: quote, backslash, control characters. */
    MINIMAL,
    /** Every non-ASCII character as {@code \\uXXXX}, a surrogate pair above U+FFFF, and {@code /} as {@code \/}. */
    ASCII_ONLY,
    /** Go's encoding/json (Docker, Filebeat): also {@code < > &} as {@code \\u003c}, and U+2028/U+2029. */
    GO;

    public String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(this == ASCII_ONLY ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (this == ASCII_ONLY && c > 0x7E) || (this == GO && isGoEscaped(c))) {
                        out.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean isGoEscaped(char c) {
        return c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029';
    }
}
