package dev.meshlens.diagnosis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeedlesTest {
    private static ByteView text(String s) {
        byte[] padded = ("<<" + s + ">>").getBytes(StandardCharsets.UTF_8);
        // Inside a larger array, as the parser hands fields out: the bytes around must not count.
        return new ByteView().wrap(padded, 2, padded.length - 4);
    }

    @Test
    void findsAnyNeedleAnywhereIgnoringAsciiCase() {
        Needles tls = Needles.of(List.of("TLS_error", "SSL_routines", "tls_handshake"));
        assertTrue(tls.foundIn(text("connection_failure,TLS_ERROR:_268435581")));
        assertTrue(tls.foundIn(text("x ssl_ROUTINES")), "at the very end");
        assertTrue(tls.foundIn(text("TLS_HANDSHAKE")), "a later needle sharing the first byte of an earlier one");
        assertFalse(tls.foundIn(text("delayed_connect_error:_111")));
        assertFalse(tls.foundIn(text("tls_erro")), "cut short by the end of the field");
        assertFalse(tls.foundIn(null));
    }

    @Test
    void theFieldsBoundsAreRespected() {
        byte[] bytes = "tls_error".getBytes(StandardCharsets.UTF_8);
        Needles tls = Needles.of(List.of("TLS_error"));
        assertFalse(tls.foundIn(new ByteView().wrap(bytes, 0, bytes.length - 1)));
        assertFalse(tls.foundIn(new ByteView().wrap(bytes, 1, bytes.length - 1)));
        assertTrue(tls.foundIn(new ByteView().wrap(bytes, 0, bytes.length)));
    }

    @Test
    void noNeedlesIsEmptyAndAnEmptyNeedleIsInAnyPresentText() {
        assertTrue(Needles.of(List.of()).isEmpty());
        assertTrue(Needles.of(List.of("")).foundIn(text("")));
        assertFalse(Needles.of(List.of("")).foundIn(null));
    }
}
