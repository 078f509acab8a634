package dev.meshlens.app.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the record-reshaping filters of the Fluent Bit config do to a record, after Fluent Bit's manual:
 * {@code nest} (lift a map's keys to the top with an optional prefix; nest top-level keys matching a
 * postfix wildcard under a new key, with {@code Remove_prefix}) and {@code modify}'s {@code Copy} (copy a
 * key if it exists and the copy does not). The kubernetes filter's own output is the test's input record.
 * Any other filter, or option of these, fails the test: this model must grow with the config.
 */
final class FluentBitFilters {
    private FluentBitFilters() {
    }

    static Map<String, Object> apply(List<ClassicConfig.Section> filters, Map<String, Object> record) {
        Map<String, Object> current = new LinkedHashMap<>(record);
        for (ClassicConfig.Section filter : filters) {
            String name = filter.get("Name").toLowerCase();
            current = switch (name) {
                case "kubernetes" -> current;
                case "nest" -> nest(filter, current);
                case "modify" -> modify(filter, current);
                default -> throw new IllegalArgumentException("no model of the " + name + " filter");
            };
        }
        return current;
    }

    private static Map<String, Object> nest(ClassicConfig.Section filter, Map<String, Object> record) {
        String addPrefix = filter.has("Add_prefix") ? filter.get("Add_prefix") : "";
        String removePrefix = filter.has("Remove_prefix") ? filter.get("Remove_prefix") : "";
        Map<String, Object> out = new LinkedHashMap<>();
        switch (filter.get("Operation").toLowerCase()) {
            case "lift" -> {
                String under = filter.get("Nested_under");
                record.forEach((key, value) -> {
                    if (key.equals(under) && value instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> out.put(addPrefix + strip(k.toString(), removePrefix), v));
                    } else {
                        out.put(key, value);
                    }
                });
            }
            case "nest" -> {
                List<String> wildcards = filter.all("Wildcard");
                Map<String, Object> nested = new LinkedHashMap<>();
                record.forEach((key, value) -> {
                    if (wildcards.stream().anyMatch(w -> matches(w, key))) {
                        nested.put(addPrefix + strip(key, removePrefix), value);
                    } else {
                        out.put(key, value);
                    }
                });
                if (!nested.isEmpty()) {
                    out.put(filter.get("Nest_under"), nested);
                }
            }
            default -> throw new IllegalArgumentException("no model of nest Operation " + filter.get("Operation"));
        }
        return out;
    }

    private static Map<String, Object> modify(ClassicConfig.Section filter, Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>(record);
        for (Map.Entry<String, String> rule : filter.entries()) {
            String op = rule.getKey().toLowerCase();
            if (op.equals("name") || op.equals("match")) {
                continue;
            }
            if (!op.equals("copy")) {
                throw new IllegalArgumentException("no model of modify rule " + rule.getKey());
            }
            String[] keys = rule.getValue().split("\\s+");
            if (out.containsKey(keys[0]) && !out.containsKey(keys[1])) {
                out.put(keys[1], out.get(keys[0]));
            }
        }
        return out;
    }

    /** Fluent Bit's nest wildcards are a prefix followed by {@code *}, or an exact key. */
    private static boolean matches(String wildcard, String key) {
        return wildcard.endsWith("*") ? key.startsWith(wildcard.substring(0, wildcard.length() - 1)) : key.equals(wildcard);
    }

    private static String strip(String key, String prefix) {
        return !prefix.isEmpty() && key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }
}
