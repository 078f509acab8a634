package dev.meshlens.parser.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.meshlens.parser.Seeds;
import dev.meshlens.parser.lines.FlagCases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ResponseFlags#parse}: short codes and long names to the same bit, unknown codes kept, junk refused. */
class ResponseFlagsTest {

    private static long parse(String text) {
        byte[] b = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
        return ResponseFlags.parse(b, 1, b.length - 2);
    }

    @ParameterizedTest
    @EnumSource(value = ResponseFlag.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void shortCodeAndLongNameSetTheSameSingleBit(ResponseFlag flag) {
        assertEquals(flag.bit(), parse(flag.shortCode()));
        assertEquals(flag.bit(), parse(flag.longName()));
        assertSame(flag, ResponseFlag.byName(flag.longName()));
    }

    /** A few long names checked against Envoy's spelling, not against the enum that defines them. */
    @ParameterizedTest
    @CsvSource({"UpstreamRetryLimitExceeded, URX", "NoHealthyUpstream, UH", "DownstreamRemoteReset, DR",
        "UpstreamConnectionFailure, UF", "DownstreamProtocolError, DPE", "UnauthorizedExternalService, UAEX"})
    void longNamesAreEnvoys(String longName, String shortCode) {
        assertEquals(ResponseFlag.valueOf(shortCode).bit(), parse(longName));
    }

    @Test
    void everyPairInEitherSpellingSetsBothBits() {
        List<ResponseFlag> known = FlagCases.known();
        for (ResponseFlag a : known) {
            for (ResponseFlag b : known) {
                long both = a.bit() | b.bit();
                assertEquals(both, parse(a.shortCode() + "," + b.shortCode()));
                assertEquals(both, parse(a.longName() + "," + b.shortCode()));
                assertEquals(both, parse(b.shortCode() + "," + a.longName()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", ""})
    void noFlagIsNoBit(String text) {
        assertEquals(0L, parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"XYZ | 0", "UF,XYZ | UF", "XYZ,ABC | 0", "Unknown | 0", "UNKNOWN | 0",
        "uf | 0", "NoSuchFlagName,NR | NR"})
    void lettersThatSpellNoFlagAreKeptAsUnknown(String text, String alsoSet) {
        long expected = ResponseFlag.UNKNOWN.bit() | (alsoSet.equals("0") ? 0 : ResponseFlag.valueOf(alsoSet).bit());
        assertEquals(expected, parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UF,", ",UF", "UF,,URX", "UF URX", "UF;URX", "U-F", "1", "UF,1", "via_upstream", " UF",
        "--", ","})
    void anythingButLettersAndCommasIsNotAFlagList(String text) {
        assertEquals(ResponseFlags.INVALID, parse(text), text);
    }

    @Test
    void shortStringsParseBackToTheirBits() {
        long seed = Seeds.of("ResponseFlags.roundTrip");
        Random random = new Random(seed);
        long knownBits = ResponseFlag.UNKNOWN.bit() - 1;
        for (int i = 0; i < 5_000; i++) {
            long bits = random.nextLong() & knownBits & (random.nextBoolean() ? random.nextLong() : -1L);
            assertEquals(bits, parse(ResponseFlags.toShortString(bits)), "seed " + seed);
        }
    }
}
