package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ResponseFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every real line of {@code ../shared/corpus/envoy-real.log} parses to the code and flags its authors saw. */
class RealCorpusTest {

    @Test
    void everyRealLineParsesWithTheExpectedCodeAndFlags() throws IOException {
        Path dir = SharedCorpus.dir().orElse(null);
        assumeTrue(dir != null, SharedCorpus.skipReason());
        List<String> lines = Files.readAllLines(dir.resolve("envoy-real.log"), StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(dir.resolve("envoy-real.expected.tsv"), StandardCharsets.UTF_8);
        AccessLogParser parser = AccessLogParser.auto();
        AccessEvent event = new AccessEvent();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String row : expected.subList(1, expected.size())) {
            String[] cols = row.split("\t");
            int lineNo = Integer.parseInt(cols[0]);
            byte[] line = lines.get(lineNo - 1).getBytes(StandardCharsets.UTF_8);
            parser.parse(line, 0, line.length, event);
            String got = event.status() + " " + event.responseCode() + " " + ResponseFlags.toShortString(event.responseFlags());
            String flags = cols[3].equals("(none)") ? "-" : cols[3];
            if (!event.status().hasEvent() || event.responseCode() != Integer.parseInt(cols[2])
                    || !ResponseFlags.toShortString(event.responseFlags()).equals(flags)) {
                failures.add(lineNo + ": expected " + cols[2] + " " + flags + ", got " + got + " format="
                        + event.formatName() + " at=" + event.errorOffset() + " field=" + event.errorField());
            }
            checked++;
        }
        assertEquals(List.of(), failures);
        assertTrue(checked >= 80, "corpus rows checked: " + checked);
    }
}
