package dev.meshlens.app.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and label names a PromQL expression uses, enough for the rules and dashboard under
 * deploy/: no full parser, but the parts that are not metric names are taken out first (strings, label
 * matchers, ranges, grouping clauses, Grafana variables), then every remaining identifier that is not a
 * function call or a keyword is a metric name.
 */
record PromQl(Set<String> metrics, Set<String> labels) {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\w+}|\\$\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.])([A-Za-z_:][\\w:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*");

    /** A Grafana variable's query: {@code label_values(SELECTOR, LABEL)} or PromQL. */
    static PromQl ofGrafanaQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (!labelValues.matches()) {
            return of(query);
        }
        PromQl selector = of(labelValues.group(1));
        Set<String> labels = new LinkedHashSet<>(selector.labels());
        labels.add(labelValues.group(2));
        return new PromQl(selector.metrics(), labels);
    }

    static PromQl of(String expression) {
        Set<String> labels = new LinkedHashSet<>();
        // Strings go first (so no brace or bracket inside one counts), each matcher's labels are kept.
        String rest = STRING.matcher(expression).replaceAll("\"\"");
        Matcher matchers = MATCHERS.matcher(rest);
        while (matchers.find()) {
            Matcher label = MATCHER_LABEL.matcher(matchers.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        rest = matchers.replaceAll(" ");
        Matcher grouping = GROUPING.matcher(rest);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        rest = grouping.replaceAll(" ");
        rest = VARIABLE.matcher(RANGE.matcher(rest).replaceAll(" ")).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            if (identifier.group(2) == null && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                metrics.add(identifier.group(1));
            }
        }
        return new PromQl(metrics, labels);
    }
}
