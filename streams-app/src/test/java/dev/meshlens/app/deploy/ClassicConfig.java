package dev.meshlens.app.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Fluent Bit's classic configuration format, as far as deploy/fluent-bit uses it: {@code [SECTION]} headers,
 * then one {@code Key Value} per line (the key is one word, the value the rest of the line), and comments on
 * lines of their own. Keys are case-insensitive, as in Fluent Bit; a key may repeat (a filter's rules).
 * Anything else ({@code @INCLUDE}, {@code @SET}, a key outside a section) is an error here.
 */
record ClassicConfig(List<Section> sections) {

    record Section(String name, List<Map.Entry<String, String>> entries) {
        /** Every value of {@code key}, in order. */
        List<String> all(String key) {
            return entries.stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue).toList();
        }

        /** The value of {@code key}, which must appear once. */
        String get(String key) {
            List<String> values = all(key);
            if (values.size() != 1) {
                throw new NoSuchElementException("[" + name + "] " + entries + " has " + values.size() + " " + key);
            }
            return values.get(0);
        }

        boolean has(String key) {
            return !all(key).isEmpty();
        }
    }

    static ClassicConfig parse(String text) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = new Section(line.substring(1, line.length() - 1).strip().toUpperCase(Locale.ROOT), new ArrayList<>());
                sections.add(current);
                continue;
            }
            String[] keyValue = line.split("\\s+", 2);
            if (current == null || line.startsWith("@") || keyValue.length < 2) {
                throw new IllegalArgumentException("line " + number + " is not 'Key Value' in a section: " + raw);
            }
            current.entries().add(Map.entry(keyValue[0], keyValue[1].strip()));
        }
        return new ClassicConfig(sections);
    }

    /** The sections named {@code name} ({@code INPUT}, {@code FILTER}, ...), in order. */
    List<Section> all(String name) {
        return sections.stream().filter(s -> s.name().equalsIgnoreCase(name)).toList();
    }

    /** The one section named {@code name} whose {@code Name} (its plugin) is {@code plugin}. */
    Section plugin(String name, String plugin) {
        List<Section> found = all(name).stream().filter(s -> s.get("Name").equalsIgnoreCase(plugin)).toList();
        if (found.size() != 1) {
            throw new NoSuchElementException(found.size() + " [" + name + "] sections with Name " + plugin);
        }
        return found.get(0);
    }

    /** The one section named {@code name} ({@code SERVICE}). */
    Section only(String name) {
        List<Section> found = all(name);
        if (found.size() != 1) {
            throw new NoSuchElementException(found.size() + " [" + name + "] sections");
        }
        return found.get(0);
    }
}
