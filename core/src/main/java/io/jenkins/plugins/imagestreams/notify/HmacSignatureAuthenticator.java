package io.jenkins.plugins.imagestreams.notify;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <header>: sha256=<hex>} or {@code <header>: <hex>}, where hex is HMAC-SHA256 of the raw body: GitHub sends
 * {@code X-Hub-Signature-256} with the prefix, Artifactory signs with its webhook secret ("use secret for signing")
 * and sends the bare hex in {@code X-JFrog-Event-Auth}.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries">GitHub: Validating
 *     webhook deliveries</a>
 * @see <a href="https://jfrog.com/help/r/jfrog-platform-administration-documentation/webhooks">JFrog: Webhooks</a>
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
        if (value.isEmpty()) {
            return false;
        }
        String hex = value.get().trim();
        if (hex.startsWith(PREFIX)) {
            hex = hex.substring(PREFIX.length());
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(hex);
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
