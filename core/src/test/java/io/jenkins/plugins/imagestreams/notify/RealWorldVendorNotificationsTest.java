package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Docker Hub's, Quay's, Artifactory's, Azure's, Google Artifact Registry's and GitLab's published payloads (under
 * {@code real-world/notifications}, sources in its README), each posted with the content type and the secret where
 * its vendor documents them. Each test asserts what is imported: registry, repository, tag and digest; or, for a
 * placeholder a vendor printed where a digest belongs, that the answer names the field.
 */
public class RealWorldVendorNotificationsTest {
    private static final String SECRET = RealWorldPoster.SECRET;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final RealWorldPoster poster = new RealWorldPoster();

    @Test
    public void dockerHubSendsPlainJsonToAPathToken() {
        assertThat(poster.postWithToken("dockerhub", SECRET, "dockerhub/docs-push.json", JSON))
                .containsExactly("docker.io/svendowideit/testhook:latest");
        assertThat(poster.handle("dockerhub", null, "dockerhub/docs-push.json", JSON)
                        .status())
                .as("Docker Hub sends no credentials of its own; only the URL carries the token")
                .isEqualTo(NotificationResponse.UNAUTHORIZED);
    }

    @Test
    public void quayRepositoryPushesNameTheirTags() {
        assertThat(poster.postWithToken("quay", SECRET, "quay/docs-repository-push.json", JSON))
                .containsExactly("quay.io/dgangaia/test:latest");
        assertThat(poster.postWithToken("quay", SECRET, "quay/gist-push-legacy.json", JSON))
                .containsExactly("quay.io/devtable/ubuntu:latest");
        assertThat(poster.postWithToken("quay", SECRET, "quay/source-test-repo-push.json", JSON))
                .containsExactly("quay.io/devtable/simple:latest", "quay.io/devtable/simple:foo");
    }

    @Test
    public void quayEventsOtherThanARepositoryPushImportNothing() {
        for (String file : List.of(
                "quay/docs-build-queued.json",
                "quay/docs-build-started.json",
                "quay/docs-build-success.json",
                "quay/docs-build-failed.json",
                "quay/docs-build-cancelled.json",
                "quay/docs-vulnerability-detected.json",
                "quay/docs-image-expiry.json",
                "quay/source-test-mirror-sync.json")) {
            assertThat(poster.postWithToken("quay", SECRET, file, JSON))
                    .as(file)
                    .isEmpty();
        }
    }

    @Test
    public void artifactoryDockerPushesImportFromTheRepositoryPathOnTheOriginHost() {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-JFrog-Event-Auth", SECRET);

        assertThat(poster.post("artifactory", "artifactory/envelope-docker-pushed.json", headers))
                .containsExactly("acme.jfrog.io/docker-remote-cache/library/ubuntu:latest"
                        + "@sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce");
        assertThat(poster.post("artifactory", "artifactory/envelope-docker-deleted.json", headers))
                .isEmpty();
        assertThat(poster.handle(
                                "artifactory",
                                null,
                                "artifactory/envelope-docker-pushed.json",
                                Map.of("X-JFrog-Event-Auth", "a-wrong-secret-of-32-characters!"))
                        .status())
                .isEqualTo(NotificationResponse.UNAUTHORIZED);
        NotificationResponse dataOnly =
                poster.handle("artifactory", null, "artifactory/docs-docker-pushed.json", headers);
        assertThat(dataOnly.status())
                .as("JFrog's docker domain page prints only the event's data")
                .isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(dataOnly.message()).contains("domain is missing", "{domain, event_type, data}");
    }

    @Test
    public void artifactorySigningTheBodyWithTheSecretSendsTheSignatureInXJFrogEventAuth() {
        byte[] body = RealWorldPoster.body("artifactory/envelope-docker-pushed.json");
        String signature = HexFormat.of().formatHex(HmacKey.of(SECRET).sign(body));

        assertThat(poster.post(
                        "artifactory",
                        "artifactory/envelope-docker-pushed.json",
                        Map.of("Content-Type", "application/json", "X-JFrog-Event-Auth", signature)))
                .hasSize(1);
        String otherBody = HexFormat.of().formatHex(HmacKey.of(SECRET).sign(new byte[] {'{', '}'}));
        assertThat(poster.handle(
                                "artifactory",
                                null,
                                "artifactory/envelope-docker-pushed.json",
                                Map.of("X-JFrog-Event-Auth", otherBody))
                        .status())
                .isEqualTo(NotificationResponse.UNAUTHORIZED);
    }

    @Test
    public void azurePushesCarryTheCustomHeaderTheUserConfigured() {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + SECRET);

        assertThat(poster.post("acr", "acr/docs-2017-push.json", headers))
                .containsExactly("myregistry.azurecr.io/hello-world:v1"
                        + "@sha256:80f0d5c8786bb9e621a45ece0db56d11cdc624ad20da9fe62e9d25490f331d7d");
        for (String file : List.of(
                "acr/docs-2017-delete.json",
                "acr/docs-delete.json",
                "acr/docs-chart-push.json",
                "acr/docs-chart-delete.json")) {
            assertThat(poster.post("acr", file, headers)).as(file).isEmpty();
        }
        NotificationResponse masked = poster.handle("acr", null, "acr/docs-push.json", headers);
        assertThat(masked.status())
                .as("today's page masks the digest as sha256:xxxxd5c8…")
                .isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(masked.message()).contains("target.digest");
    }

    @Test
    public void artifactRegistryMessagesArriveByPubSubPushWithAPathToken() {
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20ifQ.c2ln");

        assertThat(poster.postWithToken("gar", SECRET, "gar/docs-delete-tag.json", headers))
                .isEmpty();
        assertThat(poster.postWithToken("gar", SECRET, "gar/pubsub-push-docs-delete-tag.json", headers))
                .isEmpty();
        for (String file : List.of("gar/docs-insert-image.json", "gar/docs-insert-tag.json")) {
            NotificationResponse elided = poster.handle("gar", SECRET, file, headers);
            assertThat(elided.status())
                    .as(file + ": the page shortens the digest to sha256:6ec128e26cd5...")
                    .isEqualTo(NotificationResponse.BAD_REQUEST);
            assertThat(elided.message()).contains("digest");
        }
        NotificationResponse notGar =
                poster.handle("gar", SECRET, "gar/pubsub-MessagePublishedData-simple.json", headers);
        assertThat(notGar.status()).isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(notGar.message()).contains("message.data", "base64 of an Artifact Registry message");
    }

    @Test
    public void gitLabSendsTheV1EnvelopeWithTheEndpointsHeaders() {
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/vnd.docker.distribution.events.v1+json",
                "Authorization",
                "Bearer " + SECRET);

        assertThat(poster.post("gitlab", "gitlab/spec-manifest-push.json", headers))
                .containsExactly("registry.test:5000/root/test:latest"
                        + "@sha256:af06af3514c44a964d3b905b498cf6493db8f1cde7c10e078213a89c87308ba0");
        NotificationResponse fixture = poster.handle("gitlab", null, "gitlab/event_test-envelope.json", headers);
        assertThat(fixture.status())
                .as("the registry's own test envelope has a digest that is not one")
                .isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(fixture.message()).contains("events[0].target.digest");
    }
}
