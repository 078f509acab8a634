package dev.meshlens.app.diagnose;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Renders a {@link Report} for a terminal: a summary table by impact, then each failing service's causes. */
public final class TableRenderer {
    private static final int TIMELINE_CAUSES = 3;
    private static final int HINT_WIDTH = 100;

    private TableRenderer() {
    }

    public static void render(Report report, PrintStream out) {
        out.printf(Locale.ROOT, "MeshLens diagnosis of %s: %d lines, %d parsed (%d partial), %d rejected%n%n",
                String.join(", ", report.files()), report.lines(), report.parsed(), report.partial(), report.rejected());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "DIRECTION", "REQUESTS", "ERRORS", "ERROR%", "TOP CAUSE"});
        for (Report.ServiceReport s : report.services()) {
            rows.add(new String[] {s.service(), s.direction(), Long.toString(s.requests()), Long.toString(s.errors()),
                percent(s.errorRatio()), s.topCause() == null ? "-" : s.topCause()});
        }
        printTable(rows, out, "", 2, 3, 4);
        for (Report.ServiceReport s : report.services()) {
            if (s.errors() > 0) {
                renderService(s, report.windowMillis(), out);
            }
        }
        if (report.rejected() > 0) {
            out.printf(Locale.ROOT, "%nRejected lines: %d (%s)%n", report.rejected(), report.rejectedByReason().entrySet()
                    .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            report.rejectedLines().forEach(line -> out.println("  " + line));
            if (report.rejectedLinesNotListed() > 0) {
                out.printf(Locale.ROOT, "  ... and %d more%n", report.rejectedLinesNotListed());
            }
        }
    }

    private static void renderService(Report.ServiceReport s, Long windowMillis, PrintStream out) {
        out.printf(Locale.ROOT, "%n%s (%s): %d errors of %d requests (%s)%n", s.service(), s.direction(), s.errors(),
                s.requests(), percent(s.errorRatio()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CAUSE", "COUNT", "SHARE", "FIRST SEEN", "LAST SEEN", "FLAGS"});
        for (Report.CauseReport c : s.causes()) {
            rows.add(new String[] {c.cause(), Long.toString(c.count()), percent(c.share()), orDash(c.firstSeen()),
                orDash(c.lastSeen()), c.flags().isEmpty() ? "-" : String.join(",", c.flags())});
        }
        printTable(rows, out, "  ", 1, 2);
        for (Report.CauseReport c : s.causes()) {
            out.printf("  %s: %s%n", c.cause(), c.title());
            for (String line : wrap(c.hint(), HINT_WIDTH)) {
                out.println("      " + line);
            }
            detail(out, "upstream hosts", c.topUpstreamHosts());
            detail(out, "routes", c.topRoutes());
            detail(out, "source workloads", c.topSourceWorkloads());
            if (c.sampleRequestId() != null) {
                out.println("      sample request id: " + c.sampleRequestId());
            }
        }
        if (windowMillis != null) {
            renderTimeline(s, windowMillis, out);
        }
    }

    private static void renderTimeline(Report.ServiceReport s, long windowMillis, PrintStream out) {
        List<Report.CauseReport> top = s.causes().subList(0, Math.min(TIMELINE_CAUSES, s.causes().size()));
        TreeSet<String> windows = new TreeSet<>();
        List<TreeMap<String, Long>> perCause = new ArrayList<>();
        for (Report.CauseReport c : top) {
            TreeMap<String, Long> counts = new TreeMap<>();
            c.timeline().forEach(w -> counts.put(w.windowStart(), w.count()));
            windows.addAll(counts.keySet());
            perCause.add(counts);
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[top.size() + 1];
        header[0] = "WINDOW (" + (windowMillis % 1000 == 0 ? windowMillis / 1000 + "s)" : windowMillis + "ms)");
        for (int i = 0; i < top.size(); i++) {
            header[i + 1] = top.get(i).cause();
        }
        rows.add(header);
        for (String window : windows) {
            String[] row = new String[top.size() + 1];
            row[0] = window;
            for (int i = 0; i < top.size(); i++) {
                row[i + 1] = Long.toString(perCause.get(i).getOrDefault(window, 0L));
            }
            rows.add(row);
        }
        out.println("  timeline of the top causes:");
        int[] numeric = new int[top.size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = i + 1;
        }
        printTable(rows, out, "    ", numeric);
    }

    private static void detail(PrintStream out, String label, List<Report.Count> counts) {
        if (!counts.isEmpty()) {
            out.println("      " + label + ": " + counts.stream().map(c -> c.name() + " (" + c.count() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Prints aligned columns; the listed columns are right-aligned (numbers). */
    private static void printTable(List<String[]> rows, PrintStream out, String indent, int... rightAligned) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                boolean right = contains(rightAligned, i);
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(right ? pad + cell : cell + (i == columns - 1 ? "" : pad));
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.println(line);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
