package io.jenkins.plugins.imagestreams.notify;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a notification comes from the registry it claims to. Every scheme compares in constant time and
 * never keeps a token in clear: tokens as {@link TokenHash}, HMAC secrets as {@link HmacKey}.
 *
 * <p>Which scheme fits which registry: {@link #bearerToken} for distribution and GitLab ({@code headers:
 * Authorization: [Bearer …]} in the endpoint config), Harbor (its "Auth Header" is sent as {@code Authorization}) and
 * Azure (custom header); {@link #headerToken} for Artifactory ({@code X-JFrog-Event-Auth}); {@link #hmacSha256} for
 * GitHub ({@code X-Hub-Signature-256}) and Artifactory webhooks that sign with their secret; {@link #pathToken} for Docker Hub, Quay and Pub/Sub push, which cannot send
 * headers.
 */
@FunctionalInterface
public interface NotificationAuthenticator {
    /** Whether {@code request} carries the right credentials. Must not throw for any input. */
    boolean authenticate(NotificationRequest request);

    /** {@code Authorization: Bearer <token>}. */
    static NotificationAuthenticator bearerToken(TokenHash token) {
        return new HeaderTokenAuthenticator("Authorization", "Bearer ", token);
    }

    /** Header {@code header} whose whole value is the token, as Artifactory's {@code X-JFrog-Event-Auth}. */
    static NotificationAuthenticator headerToken(String header, TokenHash token) {
        return new HeaderTokenAuthenticator(header, "", token);
    }

    /** The token as the last path segment: {@code /notify/<source>/<token>}. */
    static NotificationAuthenticator pathToken(TokenHash token) {
        Objects.requireNonNull(token, "token");
        return request -> request.pathToken().filter(token::matches).isPresent();
    }

    /**
     * Header {@code header} holding the hex HMAC-SHA256 of the raw body, with GitHub's {@code sha256=} prefix or
     * without it, as Artifactory signs.
     */
    static NotificationAuthenticator hmacSha256(String header, HmacKey key) {
        return new HmacSignatureAuthenticator(header, key);
    }

    /** Accepts a request that any of {@code schemes} accepts. */
    static NotificationAuthenticator anyOf(NotificationAuthenticator... schemes) {
        List<NotificationAuthenticator> all = List.of(schemes);
        return request -> all.stream().anyMatch(scheme -> scheme.authenticate(request));
    }

    /**
     * Every way {@code source} can present one shared {@code secret}, as its vendor documents: {@code Authorization:
     * Bearer <secret>} and {@code /notify/<source>/<secret>} for every source, and besides
     *
     * <ul>
     *   <li>{@code ghcr}: GitHub's signature {@code X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>};
     *   <li>{@code artifactory}: the webhook's secret in {@code X-JFrog-Event-Auth}, or there the hex HMAC-SHA256 of
     *       the body when the webhook signs with its secret;
     *   <li>{@code harbor}: Harbor's "Auth Header" sent as the whole {@code Authorization} value.
     * </ul>
     *
     * @throws IllegalArgumentException if the secret is too short for a token (see {@link TokenHash#of})
     */
    static NotificationAuthenticator documented(NotificationSource source, String secret) {
        TokenHash token = TokenHash.of(secret);
        NotificationAuthenticator common = anyOf(bearerToken(token), pathToken(token));
        return switch (source) {
            case GHCR -> anyOf(common, hmacSha256("X-Hub-Signature-256", HmacKey.of(secret)));
            case ARTIFACTORY ->
                anyOf(
                        common,
                        headerToken("X-JFrog-Event-Auth", token),
                        hmacSha256("X-JFrog-Event-Auth", HmacKey.of(secret)));
            case HARBOR -> anyOf(common, headerToken("Authorization", token));
            default -> common;
        };
    }

    /** Accepts everything: only for a receiver bound to loopback in tests or behind a proxy that authenticates. */
    static NotificationAuthenticator unauthenticated() {
        return request -> true;
    }
}
