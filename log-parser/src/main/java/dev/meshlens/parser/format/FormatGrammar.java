package dev.meshlens.parser.format;

import dev.meshlens.parser.event.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grammar of Envoy's access-log format strings, in one place: {@code %OPERATOR%},
 * {@code %OPERATOR(ARG)%}, {@code %OPERATOR(ARG):MAX_LENGTH%}, {@code %%} for a literal percent sign, and
 * literal text between operators. Operators MeshLens does not model are kept as skipped values, so any
 * format string an operator configured can be read.
 */
public final class FormatGrammar {
    private FormatGrammar() {
    }

    /** One piece of a format string: literal text, or an operator with the field it fills (null: skipped). */
    public record Token(byte[] literal, String operator, Field field, TimePattern timePattern) {
        boolean isLiteral() {
            return literal != null;
        }
    }

    public static List<Token> tokenize(String format) {
        String text = format.endsWith("\n") ? format.substring(0, format.length() - 1) : format;
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            int close = closingPercent(text, i);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated operator at offset " + i + " of format: " + format);
            }
            if (literal.length() > 0) {
                tokens.add(new Token(literal.toString().getBytes(StandardCharsets.UTF_8), null, null, null));
                literal.setLength(0);
            } else if (!tokens.isEmpty()) {
                throw new IllegalArgumentException("operators %" + tokens.get(tokens.size() - 1).operator()
                        + "% and %" + text.substring(i + 1, close) + "% need text between them to be told apart");
            }
            tokens.add(operator(text.substring(i + 1, close)));
            i = close + 1;
        }
        if (literal.length() > 0) {
            tokens.add(new Token(literal.toString().getBytes(StandardCharsets.UTF_8), null, null, null));
        }
        if (tokens.stream().noneMatch(t -> t.field() != null)) {
            throw new IllegalArgumentException("format has no operator MeshLens reads: " + format);
        }
        return tokens;
    }

    /** The {@code %} that closes the operator opened at {@code open}: an argument may hold {@code %} itself. */
    private static int closingPercent(String text, int open) {
        int close = text.indexOf('%', open + 1);
        int paren = text.indexOf('(', open + 1);
        if (paren < 0 || close < paren) {
            return close;
        }
        int closeParen = text.indexOf(')', paren);
        return closeParen < 0 ? -1 : text.indexOf('%', closeParen);
    }

    private static Token operator(String spec) {
        String body = spec;
        int paren = spec.indexOf('(');
        int closeParen = spec.lastIndexOf(')');
        String name = paren < 0 ? stripMaxLength(body) : spec.substring(0, paren);
        String arg = paren < 0 || closeParen < paren ? null : spec.substring(paren + 1, closeParen);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty operator %" + spec + "%");
        }
        Field field = field(name, arg);
        TimePattern time = field == Field.START_TIME && arg != null && !arg.isEmpty() ? TimePattern.compile(arg) : null;
        return new Token(null, spec, field, time);
    }

    private static String stripMaxLength(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    /** The field an operator fills, or null for operators MeshLens skips. */
    static Field field(String name, String arg) {
        return switch (name) {
            case "START_TIME" -> Field.START_TIME;
            case "PROTOCOL" -> Field.PROTOCOL;
            case "RESPONSE_CODE" -> Field.RESPONSE_CODE;
            case "RESPONSE_FLAGS", "RESPONSE_FLAGS_LONG" -> Field.RESPONSE_FLAGS;
            case "RESPONSE_CODE_DETAILS" -> Field.RESPONSE_CODE_DETAILS;
            case "CONNECTION_TERMINATION_DETAILS" -> Field.CONNECTION_TERMINATION_DETAILS;
            case "UPSTREAM_TRANSPORT_FAILURE_REASON" -> Field.UPSTREAM_TRANSPORT_FAILURE_REASON;
            case "BYTES_RECEIVED" -> Field.BYTES_RECEIVED;
            case "BYTES_SENT" -> Field.BYTES_SENT;
            case "DURATION" -> Field.DURATION;
            case "UPSTREAM_HOST" -> Field.UPSTREAM_HOST;
            case "UPSTREAM_CLUSTER", "UPSTREAM_CLUSTER_RAW" -> Field.UPSTREAM_CLUSTER;
            case "UPSTREAM_LOCAL_ADDRESS" -> Field.UPSTREAM_LOCAL_ADDRESS;
            case "DOWNSTREAM_LOCAL_ADDRESS" -> Field.DOWNSTREAM_LOCAL_ADDRESS;
            case "DOWNSTREAM_REMOTE_ADDRESS" -> Field.DOWNSTREAM_REMOTE_ADDRESS;
            case "REQUESTED_SERVER_NAME" -> Field.REQUESTED_SERVER_NAME;
            case "ROUTE_NAME" -> Field.ROUTE_NAME;
            case "REQ" -> requestHeader(arg);
            case "RESP" -> arg != null && header(arg).equals("X-ENVOY-UPSTREAM-SERVICE-TIME")
                    ? Field.UPSTREAM_SERVICE_TIME : null;
            case "DYNAMIC_METADATA" -> arg != null && arg.startsWith("istio.mixer:status")
                    ? Field.ISTIO_POLICY_STATUS : null;
            default -> null;
        };
    }

    private static Field requestHeader(String arg) {
        if (arg == null) {
            return null;
        }
        String header = header(arg);
        // X-ENVOY-ORIGINAL-PATH?:PATH means "the first of these headers that is set".
        String main = header.contains("?") ? header.substring(header.indexOf('?') + 1) : header;
        return switch (main) {
            case ":METHOD" -> Field.METHOD;
            case ":PATH", "X-ENVOY-ORIGINAL-PATH" -> Field.PATH;
            case ":AUTHORITY", "HOST" -> Field.AUTHORITY;
            case "X-FORWARDED-FOR" -> Field.X_FORWARDED_FOR;
            case "USER-AGENT" -> Field.USER_AGENT;
            case "X-REQUEST-ID" -> Field.REQUEST_ID;
            default -> null;
        };
    }

    private static String header(String arg) {
        return arg.toUpperCase(Locale.ROOT);
    }
}
