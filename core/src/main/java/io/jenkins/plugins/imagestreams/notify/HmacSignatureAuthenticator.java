package io.jenkins.plugins.imagestreams.notify;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <header>: sha256=<hex>} where hex is HMAC-SHA256 of the raw body, as GitHub sends
 * {@code X-Hub-Signature-256}.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries">GitHub: Validating
 *     webhook deliveries</a>
 */
final class HmacSignatureAuthenticator implements NotificationAuthenticator {
    private static final String PREFIX = "sha256=";

    private final String header;
    private final HmacKey key;

    HmacSignatureAuthenticator(String header, HmacKey key) {
        this.header = Objects.requireNonNull(header, "header");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean authenticate(NotificationRequest request) {
        Optional<String> value = request.header(header);
        if (value.isEmpty() || !value.get().startsWith(PREFIX)) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of()
                    .parseHex(value.get().substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(key.sign(request.body()), claimed);
    }

    @Override
    public String toString() {
        return "HmacSha256[" + header + "]";
    }
}
