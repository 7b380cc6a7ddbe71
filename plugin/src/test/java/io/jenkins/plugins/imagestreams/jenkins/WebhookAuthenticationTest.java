package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.WebhookEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class WebhookAuthenticationTest {
    private static final String TOKEN = "the-right-token-0123456789abcdef";
    private static final String ENVELOPE = "{\"events\":[{\"action\":\"push\",\"target\":{"
            + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\"sha256:" + "a".repeat(64) + "\",\"repository\":\"app\",\"tag\":\"latest\"},"
            + "\"request\":{\"host\":\"127.0.0.1:5999\"}}]}";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private final HttpClient http = HttpClient.newHttpClient();

    @Before
    public void bearerEndpoint() {
        WebhookEndpoint endpoint = new WebhookEndpoint("distribution", Secret.fromString(TOKEN));
        endpoint.setScheme(WebhookEndpoint.BEARER);
        ImageStreamsConfiguration.get().setWebhooks(List.of(endpoint));
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(r.getURL() + "image-streams-webhook/notify/" + path))
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(ENVELOPE));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void missingTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = post("distribution", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(TOKEN);
    }

    @Test
    public void wrongTokenIsUnauthorized() throws Exception {
        assertThat(post("distribution", "Bearer not-" + TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    public void rightTokenIsAcceptedWithoutACrumb() throws Exception {
        HttpResponse<String> response = post("distribution", "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("accepted 1 push(es)");
    }

    @Test
    public void sourceWithoutEndpointIsNotFound() throws Exception {
        assertThat(post("harbor", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    public void getIsNotAllowed() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(r.getURL() + "image-streams-webhook/notify/distribution"))
                .GET()
                .build();
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
    }
}
