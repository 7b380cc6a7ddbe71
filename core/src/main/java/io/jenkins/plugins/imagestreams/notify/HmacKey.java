package io.jenkins.plugins.imagestreams.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of an HMAC-SHA256 signature scheme (GitHub's {@code X-Hub-Signature-256}).
 *
 * <p>Unlike a token, an HMAC secret cannot be stored hashed: verifying a signature needs the secret itself. It is
 * held only here, in memory, and {@link #toString()} redacts it. Whoever persists it must encrypt it at rest (the
 * Jenkins plugin keeps it as a {@code hudson.util.Secret} and builds an {@code HmacKey} when it configures the
 * handler; the CLI reads it from a file or environment variable).
 */
public final class HmacKey {
    private final byte[] secret;

    private HmacKey(byte[] secret) {
        this.secret = secret;
    }

    /**
     * A key from the shared secret, as UTF-8 bytes (GitHub's secret is a string).
     *
     * @throws IllegalArgumentException if the secret is shorter than 16 characters
     */
    public static HmacKey of(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException(
                    "an HMAC secret must be at least 16 characters; generate one, for example with 'openssl rand -hex 24'");
        }
        return new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code body} under this key. */
    public byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK cannot compute HmacSHA256", e);
        }
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "HmacKey[****]";
    }
}
