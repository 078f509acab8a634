package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiTokenTest {
    private static final String VALUE = "0123456789abcdef";
    private final ApiToken token = ApiToken.of(VALUE, "test");

    @Test
    void acceptsOnlyTheBearerHeaderWithTheToken() {
        assertTrue(token.accepts("Bearer " + VALUE));
        assertTrue(token.accepts("bearer " + VALUE), "the scheme is case-insensitive (RFC 7235)");
        assertFalse(token.accepts(null));
        assertFalse(token.accepts(""));
        assertFalse(token.accepts("Bearer "));
        assertFalse(token.accepts("Bearer 0123456789abcdeF"), "same length, one character off");
        assertFalse(token.accepts("Bearer 0123456789abcde"), "a prefix");
        assertFalse(token.accepts("Bearer " + VALUE + "0"), "longer");
        assertFalse(token.accepts(VALUE), "without the scheme");
        assertFalse(token.accepts("Basic " + VALUE));
        assertFalse(token.accepts("Bearer " + "x".repeat(1 << 20)), "a huge header is refused before hashing");
    }

    @Test
    void sendsWhatItAccepts() {
        assertTrue(token.accepts(token.authorization()));
    }

    @Test
    void neverShowsItsValue() {
        assertFalse(token.toString().contains(VALUE), token::toString);
    }

    @Test
    void refusesEmptyAndUnsendableTokens() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ApiToken.of("", "the file"));
        assertEquals("the file is empty: the API token must not be", empty.getMessage());
        for (String bad : new String[] {"with space", "tab\there", "caf\u00e9", "x".repeat(ApiToken.MAX_LENGTH + 1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiToken.of(bad, "src"));
            assertFalse(e.getMessage().contains(bad), "the refusal does not repeat the token: " + e.getMessage());
        }
    }
}
