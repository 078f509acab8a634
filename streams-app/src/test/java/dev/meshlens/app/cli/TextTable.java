package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** Reads the tables {@code meshlens diagnose} prints: cells are set apart by two spaces or more. */
final class TextTable {
    /** Text with single spaces at most, as in "TOP CAUSE". */
    private static final Pattern CELL = Pattern.compile("\\S+(?: \\S+)*");

    record Cell(int start, int end, String text) {
    }

    private TextTable() {
    }

    /** The table whose header is the first line starting with {@code headerStart}: rows with as many cells. */
    static List<String> after(List<String> out, String headerStart) {
        int header = 0;
        while (!out.get(header).startsWith(headerStart)) {
            header++;
        }
        int columns = cells(out.get(header)).size();
        List<String> table = new ArrayList<>();
        for (int i = header; i < out.size() && !out.get(i).isBlank() && cells(out.get(i)).size() == columns; i++) {
            table.add(out.get(i));
        }
        return table;
    }

    static List<Cell> cells(String row) {
        List<Cell> cells = new ArrayList<>();
        Matcher m = CELL.matcher(row);
        while (m.find()) {
            cells.add(new Cell(m.start(), m.end(), m.group()));
        }
        return cells;
    }

    static List<List<String>> texts(List<String> table) {
        return table.stream().map(row -> cells(row).stream().map(Cell::text).toList()).toList();
    }

    /** Every column starts where its header starts, or, for the right-aligned ones, ends where it ends. */
    static void assertAligned(List<String> table, int... rightAligned) {
        List<Cell> header = cells(table.get(0));
        for (String row : table) {
            List<Cell> cells = cells(row);
            for (int column = 0; column < header.size(); column++) {
                int c = column;
                boolean right = IntStream.of(rightAligned).anyMatch(r -> r == c);
                int expected = right ? header.get(column).end() : header.get(column).start();
                int actual = right ? cells.get(column).end() : cells.get(column).start();
                assertEquals(expected, actual, "column " + column + " of\n" + String.join("\n", table));
            }
        }
    }
}
