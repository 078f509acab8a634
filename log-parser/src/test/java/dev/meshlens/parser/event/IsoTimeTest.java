package dev.meshlens.parser.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.parser.Seeds;
import dev.meshlens.parser.lines.Strftime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoTime} against {@code java.time}: every offset style, fractions of any length, invalid dates. */
class IsoTimeTest {
    private static final long YEAR_2 = LocalDateTime.of(2, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long YEAR_9998 = LocalDateTime.of(9998, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final DateTimeFormatter MILLIS_Z =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static long parse(String text) {
        byte[] b = ("##" + text + "##").getBytes(StandardCharsets.US_ASCII);
        return IsoTime.parseMillis(b, 2, b.length - 4);
    }

    @Test
    void randomInstantsInEveryStyleParseToTheirMillis() {
        long seed = Seeds.of("IsoTime.styles");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long millis = YEAR_2 + (long) (random.nextDouble() * (YEAR_9998 - YEAR_2));
            int subMillisNanos = random.nextInt(1_000_000);
            int offsetMinutes = random.nextInt(4) == 0 ? 0 : random.nextInt(2 * 14 * 60 + 1) - 14 * 60;
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            LocalDateTime local = Instant.ofEpochMilli(millis).plusNanos(subMillisNanos).atOffset(zone).toLocalDateTime();
            int fractionDigits = random.nextInt(11);
            String nanos = Strftime.digits(local.getNano(), 9);
            String fraction = fractionDigits == 0 ? "" : (random.nextBoolean() ? "." : ",")
                    + (fractionDigits <= 9 ? nanos.substring(0, fractionDigits) : nanos + "00");
            String text = Strftime.digits(local.getYear(), 4) + "-" + Strftime.digits(local.getMonthValue(), 2) + "-"
                    + Strftime.digits(local.getDayOfMonth(), 2) + (random.nextBoolean() ? "T" : " ")
                    + Strftime.digits(local.getHour(), 2) + ":" + Strftime.digits(local.getMinute(), 2) + ":"
                    + Strftime.digits(local.getSecond(), 2) + fraction + zone(offsetMinutes, random);
            long keptNanos = fractionDigits == 0 ? 0 : Long.parseLong(nanos.substring(0, Math.min(9, fractionDigits)))
                    * (long) Math.pow(10, 9 - Math.min(9, fractionDigits));
            long expected = local.withNano(0).toInstant(zone).toEpochMilli() + keptNanos / 1_000_000;
            assertEquals(expected, parse(text), () -> text + " (seed " + seed + ")");
        }
    }

    /** Every way RFC 3339 and its neighbours write an offset; UTC may also be written as nothing. */
    private static String zone(int offsetMinutes, Random random) {
        String sign = offsetMinutes < 0 ? "-" : "+";
        String hh = Strftime.digits(Math.abs(offsetMinutes) / 60, 2);
        String mm = Strftime.digits(Math.abs(offsetMinutes) % 60, 2);
        return switch (offsetMinutes == 0 ? random.nextInt(5) : 3 + random.nextInt(2)) {
            case 0 -> "Z";
            case 1 -> "z";
            case 2 -> "";
            case 3 -> sign + hh + ":" + mm;
            default -> sign + hh + mm;
        };
    }

    @Test
    void formatWritesWhatJavaTimeWritesAndParsesBack() {
        long seed = Seeds.of("IsoTime.format");
        Random random = new Random(seed);
        long first = LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        long last = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000).toInstant(ZoneOffset.UTC).toEpochMilli();
        byte[] out = new byte[IsoTime.FORMATTED_LENGTH];
        for (int i = 0; i < 20_000; i++) {
            long millis = i == 0 ? first : i == 1 ? last : first + (long) (random.nextDouble() * (last - first));
            IsoTime.format(millis, out, 0);
            String written = new String(out, StandardCharsets.US_ASCII);
            assertEquals(MILLIS_Z.format(Instant.ofEpochMilli(millis)), written, "seed " + seed);
            assertEquals(millis, parse(written), written);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2024-02-29T12:00:00Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "2021-12-31T23:59:59.999999999Z",
        "2021-04-30T00:00:00+00:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"})
    void validDatesParse(String text) {
        assertEquals(Instant.parse(text).toEpochMilli(), parse(text));
    }

    @Test
    void aLeapSecondIsTheFirstSecondOfTheNextMinute() {
        assertEquals(Instant.parse("2017-01-01T00:00:00Z").toEpochMilli(), parse("2016-12-31T23:59:60Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2021-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2021-02-30T00:00:00Z", "2021-04-31T00:00:00Z",
        "2021-06-31T00:00:00Z", "2021-01-32T00:00:00Z", "2021-13-01T00:00:00Z", "2021-00-10T00:00:00Z",
        "2021-01-00T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T23:60:00Z", "2021-01-01T23:59:61Z",
        "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00Zjunk", "2021-01-01T00:00:00+1", "2021-01-01T00:00:00+01:0",
        "2021-01-01T00:00:00+0", "2021-1-01T00:00:00Z", "abcd-01-01T00:00:00Z", "2021/01/01T00:00:00Z",
        "2021-01-01X00:00:00Z", "2021-01-01T00-00-00Z", "2021-01-01T00:00", "2021-01-01", "",
        "2021-01-01T00:00:00 ", "2021-01-01T00:00:00.123.456Z", "2021-01-01T0a:00:00Z", "-021-01-01T00:00:00Z"})
    void invalidTimesAreRejected(String text) {
        assertEquals(AccessEvent.NO_TIME, parse(text), text);
    }
}
