package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Prints an {@link AccessRecord} through an Envoy format string, as Envoy's substitution formatter would:
 * {@code %OP%}, {@code %OP(ARG)%}, {@code %OP(ARG):N%} (value cut to N bytes), {@code %%}, {@code -} for
 * unset values. Written apart from the parser's grammar on purpose: the two must agree on every line.
 */
public final class EnvoyFormatter {
    /** Envoy's default {@code %START_TIME%}: UTC, milliseconds, a literal Z. */
    private static final DateTimeFormatter DEFAULT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Map<String, Field> OPERATORS = Map.ofEntries(
            Map.entry("START_TIME", Field.START_TIME),
            Map.entry("REQ(:METHOD)", Field.METHOD),
            Map.entry("REQ(:PATH)", Field.PATH),
            Map.entry("REQ(X-ENVOY-ORIGINAL-PATH?:PATH)", Field.PATH),
            Map.entry("PROTOCOL", Field.PROTOCOL),
            Map.entry("RESPONSE_CODE", Field.RESPONSE_CODE),
            Map.entry("RESPONSE_FLAGS", Field.RESPONSE_FLAGS),
            Map.entry("RESPONSE_FLAGS_LONG", Field.RESPONSE_FLAGS),
            Map.entry("RESPONSE_CODE_DETAILS", Field.RESPONSE_CODE_DETAILS),
            Map.entry("CONNECTION_TERMINATION_DETAILS", Field.CONNECTION_TERMINATION_DETAILS),
            Map.entry("UPSTREAM_TRANSPORT_FAILURE_REASON", Field.UPSTREAM_TRANSPORT_FAILURE_REASON),
            Map.entry("DYNAMIC_METADATA(istio.mixer:status)", Field.ISTIO_POLICY_STATUS),
            Map.entry("BYTES_RECEIVED", Field.BYTES_RECEIVED),
            Map.entry("BYTES_SENT", Field.BYTES_SENT),
            Map.entry("DURATION", Field.DURATION),
            Map.entry("RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)", Field.UPSTREAM_SERVICE_TIME),
            Map.entry("REQ(X-FORWARDED-FOR)", Field.X_FORWARDED_FOR),
            Map.entry("REQ(USER-AGENT)", Field.USER_AGENT),
            Map.entry("REQ(X-REQUEST-ID)", Field.REQUEST_ID),
            Map.entry("REQ(:AUTHORITY)", Field.AUTHORITY),
            Map.entry("UPSTREAM_HOST", Field.UPSTREAM_HOST),
            Map.entry("UPSTREAM_CLUSTER", Field.UPSTREAM_CLUSTER),
            Map.entry("UPSTREAM_CLUSTER_RAW", Field.UPSTREAM_CLUSTER),
            Map.entry("UPSTREAM_LOCAL_ADDRESS", Field.UPSTREAM_LOCAL_ADDRESS),
            Map.entry("DOWNSTREAM_LOCAL_ADDRESS", Field.DOWNSTREAM_LOCAL_ADDRESS),
            Map.entry("DOWNSTREAM_REMOTE_ADDRESS", Field.DOWNSTREAM_REMOTE_ADDRESS),
            Map.entry("REQUESTED_SERVER_NAME", Field.REQUESTED_SERVER_NAME),
            Map.entry("ROUTE_NAME", Field.ROUTE_NAME));

    private EnvoyFormatter() {
    }

    /** Renders {@code format} (a trailing newline, as in Envoy's defaults, is not printed); {@code %z} uses {@code zone}. */
    public static RenderedLine render(String format, AccessRecord record, ZoneOffset zone) {
        String text = format.endsWith("\n") ? format.substring(0, format.length() - 1) : format;
        StringBuilder out = new StringBuilder();
        Map<Field, String> printed = new EnumMap<>(Field.class);
        long startMillis = AccessEvent.NO_TIME;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
            } else {
                Operator op = Operator.read(text, i);
                Field field = OPERATORS.get(op.name);
                String value = op.cut(value(op, field, record, zone));
                if (field != null) {
                    printed.put(field, value);
                }
                if (field == Field.START_TIME) {
                    startMillis = op.argument == null ? record.startMillis()
                            : Strftime.keptMillis(record.startMillis(), op.argument);
                }
                out.append(value);
                i = op.end;
            }
        }
        return new RenderedLine(out.toString(), record, printed, startMillis);
    }

    private static String value(Operator op, Field field, AccessRecord record, ZoneOffset zone) {
        if (op.name.equals("RESPONSE_FLAGS_LONG")) {
            return record.flags().printedLong();
        }
        if (field == Field.START_TIME) {
            return op.argument == null ? DEFAULT_TIME.format(java.time.Instant.ofEpochMilli(record.startMillis()))
                    : Strftime.format(record.startMillis(), op.argument, zone);
        }
        if (field != null) {
            return record.printed(field);
        }
        return switch (op.name) {
            case "REQ(X-FOO)" -> record.fooHeader();
            case "UPSTREAM_WIRE_BYTES_SENT" -> Long.toString(record.wireBytesSent());
            default -> throw new IllegalArgumentException("the generator does not know %" + op.name + "%");
        };
    }

    /** One {@code %NAME(ARG):N%}; the argument may itself hold {@code %} (START_TIME patterns). */
    private record Operator(String name, String argument, int maxLength, int end) {
        static Operator read(String text, int percent) {
            int i = percent + 1;
            while (Character.isUpperCase(text.charAt(i)) || text.charAt(i) == '_') {
                i++;
            }
            String bare = text.substring(percent + 1, i);
            String argument = null;
            if (text.charAt(i) == '(') {
                int close = text.indexOf(')', i);
                argument = text.substring(i + 1, close);
                i = close + 1;
            }
            int maxLength = -1;
            if (text.charAt(i) == ':') {
                int digits = i + 1;
                while (Character.isDigit(text.charAt(digits))) {
                    digits++;
                }
                maxLength = Integer.parseInt(text.substring(i + 1, digits));
                i = digits;
            }
            if (text.charAt(i) != '%') {
                throw new IllegalArgumentException("bad operator at " + percent + " in " + text);
            }
            boolean timeOperator = bare.equals("START_TIME");
            String name = argument == null || timeOperator ? bare : bare + "(" + argument + ")";
            return new Operator(name, timeOperator ? argument : null, maxLength, i + 1);
        }

        String cut(String value) {
            return maxLength >= 0 && value.length() > maxLength ? value.substring(0, maxLength) : value;
        }
    }
}
