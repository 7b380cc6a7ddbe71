package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class NotificationAuthenticatorTest {
    private static final String TOKEN = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw";
    private static final String OTHER = "b3RoZXItdG9rZW4tZm9yLXRlc3Rz0";
    private static final byte[] BODY = "{\"action\":\"published\"}".getBytes(StandardCharsets.UTF_8);

    private static NotificationRequest request(String pathToken, Map<String, List<String>> headers, byte[] body) {
        return new NotificationRequest(NotificationSource.GHCR, Optional.ofNullable(pathToken), headers, body);
    }

    private static NotificationRequest withHeader(String name, String value) {
        return request(null, Map.of(name, List.of(value)), BODY);
    }

    @Test
    public void bearerTokenAcceptsOnlyTheRightToken() {
        NotificationAuthenticator bearer = NotificationAuthenticator.bearerToken(TokenHash.of(TOKEN));

        assertThat(bearer.authenticate(withHeader("Authorization", "Bearer " + TOKEN)))
                .isTrue();
        assertThat(bearer.authenticate(withHeader("authorization", "bearer " + TOKEN)))
                .as("header name and scheme match without case")
                .isTrue();
        assertThat(bearer.authenticate(withHeader("Authorization", "Bearer " + OTHER)))
                .isFalse();
        assertThat(bearer.authenticate(withHeader("Authorization", TOKEN)))
                .as("scheme missing")
                .isFalse();
        assertThat(bearer.authenticate(withHeader("Authorization", "Basic " + TOKEN)))
                .isFalse();
        assertThat(bearer.authenticate(request(null, Map.of(), BODY)))
                .as("no header")
                .isFalse();
        assertThat(bearer.authenticate(request(TOKEN, Map.of(), BODY)))
                .as("a path token does not satisfy a header scheme")
                .isFalse();
    }

    @Test
    public void headerSentTwiceIsRejected() {
        NotificationAuthenticator bearer = NotificationAuthenticator.bearerToken(TokenHash.of(TOKEN));

        assertThat(bearer.authenticate(
                        request(null, Map.of("Authorization", List.of("Bearer " + OTHER, "Bearer " + TOKEN)), BODY)))
                .isFalse();
    }

    @Test
    public void headerTokenReadsTheWholeValue() {
        NotificationAuthenticator jfrog =
                NotificationAuthenticator.headerToken("X-JFrog-Event-Auth", TokenHash.of(TOKEN));

        assertThat(jfrog.authenticate(withHeader("X-JFrog-Event-Auth", TOKEN))).isTrue();
        assertThat(jfrog.authenticate(withHeader("X-JFrog-Event-Auth", OTHER))).isFalse();
        assertThat(jfrog.authenticate(withHeader("Authorization", "Bearer " + TOKEN)))
                .isFalse();
    }

    @Test
    public void pathTokenAcceptsOnlyTheRightToken() {
        NotificationAuthenticator path = NotificationAuthenticator.pathToken(TokenHash.of(TOKEN));

        assertThat(path.authenticate(request(TOKEN, Map.of(), BODY))).isTrue();
        assertThat(path.authenticate(request(OTHER, Map.of(), BODY))).isFalse();
        assertThat(path.authenticate(request(TOKEN.substring(1), Map.of(), BODY)))
                .isFalse();
        assertThat(path.authenticate(request(null, Map.of(), BODY))).isFalse();
        assertThat(path.authenticate(withHeader("Authorization", "Bearer " + TOKEN)))
                .isFalse();
    }

    @Test
    public void hmacAcceptsOnlyASignatureOfThisBodyUnderThisKey() {
        HmacKey key = HmacKey.of("it's a secret to everybody");
        NotificationAuthenticator hmac = NotificationAuthenticator.hmacSha256("X-Hub-Signature-256", key);
        String right = "sha256=" + HexFormat.of().formatHex(key.sign(BODY));

        assertThat(hmac.authenticate(withHeader("X-Hub-Signature-256", right))).isTrue();
        assertThat(hmac.authenticate(request(null, Map.of("X-Hub-Signature-256", List.of(right)), "{}".getBytes())))
                .as("same signature, other body")
                .isFalse();
        String otherKey = "sha256="
                + HexFormat.of().formatHex(HmacKey.of("another secret of ours").sign(BODY));
        assertThat(hmac.authenticate(withHeader("X-Hub-Signature-256", otherKey)))
                .isFalse();
        assertThat(hmac.authenticate(withHeader("X-Hub-Signature-256", right.substring("sha256=".length()))))
                .as("bare hex, as Artifactory sends it")
                .isTrue();
        assertThat(hmac.authenticate(withHeader("X-Hub-Signature-256", "sha1=" + right.substring("sha256=".length()))))
                .as("another algorithm's prefix")
                .isFalse();
        assertThat(hmac.authenticate(withHeader("X-Hub-Signature-256", "sha256=zz-not-hex")))
                .isFalse();
        assertThat(hmac.authenticate(request(null, Map.of(), BODY)))
                .as("no header")
                .isFalse();
    }

    @Test
    public void hmacMatchesGithubsPublishedExample() {
        // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!"
        HmacKey key = HmacKey.of("It's a Secret to Everybody");
        NotificationRequest request = request(
                null,
                Map.of(
                        "X-Hub-Signature-256",
                        List.of("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")),
                "Hello, World!".getBytes(StandardCharsets.UTF_8));

        assertThat(NotificationAuthenticator.hmacSha256("X-Hub-Signature-256", key)
                        .authenticate(request))
                .isTrue();
    }

    @Test
    public void anyOfAcceptsWhatEitherSchemeAccepts() {
        NotificationAuthenticator either = NotificationAuthenticator.anyOf(
                NotificationAuthenticator.pathToken(TokenHash.of(TOKEN)),
                NotificationAuthenticator.bearerToken(TokenHash.of(OTHER)));

        assertThat(either.authenticate(request(TOKEN, Map.of(), BODY))).isTrue();
        assertThat(either.authenticate(withHeader("Authorization", "Bearer " + OTHER)))
                .isTrue();
        assertThat(either.authenticate(request(OTHER, Map.of(), BODY))).isFalse();
    }

    @Test
    public void tokenHashRoundTripsThroughItsStoredFormAndRedactsItself() {
        TokenHash hash = TokenHash.of(TOKEN);
        TokenHash stored = TokenHash.parse(hash.stored());

        assertThat(stored).isEqualTo(hash);
        assertThat(stored.matches(TOKEN)).isTrue();
        assertThat(hash.stored()).doesNotContain(TOKEN);
        assertThat(hash.toString())
                .doesNotContain(TOKEN)
                .doesNotContain(hash.stored().substring(7, 19));
    }

    @Test
    public void shortOrUnsafeTokensAreRefused() {
        assertThatThrownBy(() -> TokenHash.of("short")).hasMessageContaining("at least 24");
        assertThatThrownBy(() -> TokenHash.of("has/slash/which/breaks/the/path"))
                .hasMessageContaining("at least 24");
        assertThatThrownBy(() -> TokenHash.parse("sha256:abc")).hasMessageContaining("64 lowercase hex");
    }

    @Test
    public void secretsStayOutOfToString() {
        String secret = "it's a secret to everybody";
        assertThat(HmacKey.of(secret).toString()).doesNotContain(secret);
        NotificationRequest request = request(TOKEN, Map.of("Authorization", List.of("Bearer " + OTHER)), BODY);
        assertThat(request.toString())
                .doesNotContain(TOKEN)
                .doesNotContain(OTHER)
                .doesNotContain("published");
    }
}
