package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuthRegistryFixtureTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture BASIC =
            RegistryFixture.builder().basicAuth("alice", "s3cret-pass").build();

    @Test
    public void basicAuthRegistryServesPushedDigestToTheUser() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "basic auth");

        Skopeo.push(image, BASIC, "secure/app:1");

        assertThat(new RawRegistryHttp(BASIC).digest("secure/app", "1")).contains(image.digest());
        assertThat(Skopeo.inspectDigest(BASIC, "secure/app:1")).isEqualTo(image.digest());
    }

    @Test
    public void basicAuthRegistryRefusesAnonymousAndWrongPassword() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest anonymous =
                HttpRequest.newBuilder(BASIC.url().resolve("/v2/")).build();
        HttpRequest wrong = HttpRequest.newBuilder(BASIC.url().resolve("/v2/"))
                .header("Authorization", "Basic YWxpY2U6d3Jvbmc=")
                .build();

        HttpResponse<Void> response = client.send(anonymous, HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(client.send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(401);
    }

    @Test
    public void fixtureExposesCredentialsButRedactsThePasswordInToString() {
        assertThat(BASIC.username()).contains("alice");
        assertThat(BASIC.password()).contains("s3cret-pass");
        assertThat(BASIC.toString()).contains("alice").doesNotContain("s3cret-pass");
    }

    @Test
    public void commandsInErrorMessagesHideCredentials() {
        assertThat(Commands.redact(java.util.List.of("skopeo", "inspect", "--creds", "alice:s3cret", "x")))
                .containsExactly("skopeo", "inspect", "--creds", "alice:****", "x");
        assertThat(Commands.redact(java.util.List.of("htpasswd", "-Bbn", "alice", "s3cret")))
                .containsExactly("htpasswd", "-Bbn", "alice", "****");
    }

    @Test
    public void basicAuthAndTokenAuthCannotBeCombined() {
        assertThatThrownBy(() -> RegistryFixture.builder().basicAuth("a", "b").token("a", "b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one auth method");
    }
}
