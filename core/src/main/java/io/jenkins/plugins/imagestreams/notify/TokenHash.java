package io.jenkins.plugins.imagestreams.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 hash of a shared notification token; the token itself is never kept.
 *
 * <p>A plain SHA-256 (not PBKDF2) is enough because tokens are random, not passwords people choose: {@link #of}
 * insists on at least {@value #MIN_TOKEN_LENGTH} characters, so guessing from the hash is as hard as guessing the
 * token. Candidates are compared by hashing them and comparing the two hashes with {@link MessageDigest#isEqual}, in
 * constant time.
 */
public final class TokenHash {
    /** The shortest token accepted: 24 random base64 characters carry 144 bits. */
    public static final int MIN_TOKEN_LENGTH = 24;

    private static final Pattern STORED = Pattern.compile("sha256:[0-9a-f]{64}");

    private final byte[] hash;

    private TokenHash(byte[] hash) {
        this.hash = hash;
    }

    /**
     * Hashes a new token.
     *
     * @throws IllegalArgumentException if the token is shorter than {@value #MIN_TOKEN_LENGTH} characters or has
     *     characters that cannot travel in a URL path or header
     */
    public static TokenHash of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_TOKEN_LENGTH || !token.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("a notification token must be at least " + MIN_TOKEN_LENGTH
                    + " characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'; generate one, for example with"
                    + " 'openssl rand -hex 24'");
        }
        return new TokenHash(sha256(token));
    }

    /**
     * Reads a hash written by {@link #stored()}.
     *
     * @throws IllegalArgumentException if it is not {@code sha256:} and 64 lowercase hex characters
     */
    public static TokenHash parse(String stored) {
        if (stored == null || !STORED.matcher(stored).matches()) {
            throw new IllegalArgumentException("a stored token hash must be sha256:<64 lowercase hex characters>");
        }
        return new TokenHash(HexFormat.of().parseHex(stored.substring("sha256:".length())));
    }

    /** The form to persist: {@code sha256:<hex>}. */
    public String stored() {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    /** Whether {@code candidate} is the token, compared in constant time; null never matches. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(hash, sha256(candidate));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenHash other && MessageDigest.isEqual(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    /** Redacted: even the hash is not shown. */
    @Override
    public String toString() {
        return "TokenHash[****]";
    }
}
