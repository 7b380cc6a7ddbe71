package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TokenRegistryFixtureTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture TOKEN =
            RegistryFixture.builder().token("carol", "token-pass").build();

    @Test
    public void tokenRegistryServesPushedDigestWithTokenFromTheIssuer() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "token auth");
        int before = TOKEN.tokenIssuer().orElseThrow().tokensIssued();

        Skopeo.push(image, TOKEN, "tok/app:1");

        assertThat(new RawRegistryHttp(TOKEN).digest("tok/app", "1")).contains(image.digest());
        assertThat(Skopeo.inspectDigest(TOKEN, "tok/app:1")).isEqualTo(image.digest());
        assertThat(TOKEN.tokenIssuer().get().tokensIssued()).isGreaterThanOrEqualTo(before + 3);
    }

    @Test
    public void anonymousTokenMayPullButNotPush() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "anonymous");
        Skopeo.push(image, TOKEN, "tok/anon:1");
        RegistryEndpoint anonymous = anonymousView();

        assertThat(new RawRegistryHttp(anonymous).digest("tok/anon", "1")).contains(image.digest());
        assertThatThrownBy(() -> Skopeo.push(image, anonymous, "tok/anon:2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("denied");
    }

    @Test
    public void issuerRefusesWrongPasswordAndSignsRs256WithX5c() throws Exception {
        URI realm = TOKEN.tokenIssuer().orElseThrow().realm();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(realm + "?service=" + TokenIssuer.SERVICE + "&scope=repository:tok/app:pull,push");

        HttpResponse<String> wrong = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", basic("carol:nope"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> right = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", basic("carol:token-pass"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        String[] jwt =
                new ObjectMapper().readTree(right.body()).path("token").asText().split("\\.");
        JsonNode header = decode(jwt[0]);
        JsonNode claims = decode(jwt[1]);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("x5c").size()).isEqualTo(1);
        assertThat(claims.path("iss").asText()).isEqualTo(TokenIssuer.ISSUER);
        assertThat(claims.path("sub").asText()).isEqualTo("carol");
        assertThat(claims.path("aud").asText()).isEqualTo(TokenIssuer.SERVICE);
        assertThat(claims.path("access").get(0).path("actions").toString()).isEqualTo("[\"pull\",\"push\"]");
    }

    private static JsonNode decode(String part) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(part));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The token registry as a client without credentials sees it. */
    private static RegistryEndpoint anonymousView() {
        return new RegistryEndpoint() {
            @Override
            public String host() {
                return TOKEN.host();
            }

            @Override
            public URI url() {
                return TOKEN.url();
            }

            @Override
            public boolean isTls() {
                return false;
            }

            @Override
            public Optional<java.nio.file.Path> caCertificate() {
                return Optional.empty();
            }

            @Override
            public Optional<String> username() {
                return Optional.empty();
            }

            @Override
            public Optional<String> password() {
                return Optional.empty();
            }
        };
    }
}
