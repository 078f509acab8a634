package dev.meshlens.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NameInternerTest {

    @Test
    void theSameBytesAnywhereGiveTheSameString() {
        NameInterner names = new NameInterner(100);
        byte[] line = "reviews.default|reviews.default".getBytes(StandardCharsets.US_ASCII);
        String first = names.intern(line, 0, 15);
        assertEquals("reviews.default", first);
        assertSame(first, names.intern(line, 16, 15));
        assertEquals(1, names.size());
    }

    @Test
    void namesPastTheCapShareOneOverflowName() {
        NameInterner names = new NameInterner(2);
        String a = intern(names, "a.default");
        intern(names, "b.default");
        assertSame(NameInterner.OVERFLOW, intern(names, "c.default"));
        assertSame(NameInterner.OVERFLOW, intern(names, "d.default"));
        assertSame(a, intern(names, "a.default"), "names seen before the cap keep their own entry");
        assertEquals(2, names.size());
    }

    @Test
    void everyNameSurvivesTheTableGrowing() {
        NameInterner names = new NameInterner(100_000);
        String[] first = new String[5_000];
        for (int i = 0; i < first.length; i++) {
            first[i] = intern(names, "svc-" + i + ".ns");
        }
        for (int i = 0; i < first.length; i++) {
            assertSame(first[i], intern(names, "svc-" + i + ".ns"));
        }
        assertEquals(first.length, names.size());
    }

    @Test
    void nonAsciiNamesAreDecodedAndShared() {
        NameInterner names = new NameInterner(10);
        String cafe = intern(names, "café.default");
        assertEquals("café.default", cafe);
        assertSame(cafe, intern(names, "café.default"));
    }

    private static String intern(NameInterner names, String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return names.intern(b, 0, b.length);
    }
}
