package dev.meshlens.app.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The bearer token the API asks for. Requests are checked by comparing SHA-256 digests with
 * {@link MessageDigest#isEqual}: the time taken says nothing about how much of the token, or of its length, a
 * guess got right. Its {@code toString} never shows the value, so settings can be logged whole.
 */
public final class ApiToken {
    private static final String SCHEME = "bearer ";
    /** Longer than any token a person or a Secret generator makes; a bound on what is hashed per request. */
    static final int MAX_LENGTH = 4096;

    private final String value;
    private final byte[] digest;

    private ApiToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** A token of visible ASCII characters (what a header can carry), {@code source} naming where it came from. */
    public static ApiToken of(String value, String source) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty: the API token must not be");
        }
        if (value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException(source + ": the API token must be 1-" + MAX_LENGTH
                    + " visible ASCII characters without spaces");
        }
        return new ApiToken(value);
    }

    /** Whether an {@code Authorization} header value (may be null) carries this token. */
    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() > SCHEME.length() + MAX_LENGTH
                || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    /** The {@code Authorization} header value that carries this token: what instances send each other. */
    public String authorization() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
