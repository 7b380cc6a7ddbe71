package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Distribution's, Harbor's and GitHub's published payloads (under {@code real-world/notifications}, sources in its
 * README), each posted the way its vendor documents: the content type, and the secret where that vendor puts it
 * ({@link NotificationAuthenticator#documented}). Each test asserts what is imported: registry, repository, tag and
 * digest. The other registries are in {@link RealWorldVendorNotificationsTest}.
 */
public class RealWorldNotificationsTest {
    private static final String SECRET = RealWorldPoster.SECRET;

    private final RealWorldPoster poster = new RealWorldPoster();

    @Test
    public void distributionThreeSendsTheV2EnvelopeMediaType() {
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/vnd.docker.distribution.events.v2+json",
                "Authorization",
                "Bearer " + SECRET);

        assertThat(poster.post("distribution", "distribution/docs-push-envelope.json", headers))
                .containsExactly(
                        "registrycluster.local/library/test@sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf");
        assertThat(poster.post("distribution", "distribution/docs-manifest-pull.json", headers))
                .isEmpty();
        NotificationResponse fixture =
                poster.handle("distribution", null, "distribution/event_test-envelope.json", headers);
        assertThat(fixture.status())
                .as("distribution's own test envelope has a digest that is not one")
                .isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(fixture.message()).contains("events[0].target.digest");
    }

    @Test
    public void harborPushesByTagAndByDigestInBothPayloadFormats() {
        Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", SECRET);
        Map<String, String> cloudEvents =
                Map.of("Content-Type", "application/cloudevents+json", "Authorization", "Bearer " + SECRET);
        String busybox =
                "harbor.dev/library/busybox@sha256:dde8e930c7b6a490f728e66292bc9bce42efc9bbb5278bae40e4f30f6e00fe8c";

        assertThat(poster.post("harbor", "harbor/docs-push-artifact.json", json))
                .containsExactly("hub.harbor.com/test-webhook/debian:latest"
                        + "@sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8");
        assertThat(poster.post("harbor", "harbor/default-push-artifact-by-digest.json", json))
                .containsExactly(busybox);
        assertThat(poster.post("harbor", "harbor/default-pull-artifact-by-digest.json", json))
                .isEmpty();
        assertThat(poster.post("harbor", "harbor/cloudevents-artifact-pushed-by-digest.json", cloudEvents))
                .containsExactly(busybox);
        assertThat(poster.post("harbor", "harbor/cloudevents-artifact-pulled.json", cloudEvents))
                .isEmpty();
    }

    @Test
    public void harborCloudEventsOfAnotherSenderAreRefusedNotIgnored() {
        NotificationResponse response = poster.handle(
                "harbor",
                null,
                "{\"specversion\":\"1.0\",\"type\":\"com.example.object.created\",\"data\":{}}"
                        .getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/cloudevents+json", "Authorization", SECRET));

        assertThat(response.status()).isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(response.message()).contains("type", "is not a Harbor CloudEvents type");
    }

    @Test
    public void gitHubPackageEventsSignedWithTheSecretImportFromGhcr() {
        for (String file :
                List.of("ghcr/package-published-docker.json", "ghcr/registry_package-published-docker.json")) {
            byte[] body = RealWorldPoster.body(file);
            Map<String, String> headers = Map.of(
                    "Content-Type",
                    "application/json",
                    "X-GitHub-Event",
                    file.startsWith("ghcr/package") ? "package" : "registry_package",
                    "X-Hub-Signature-256",
                    "sha256=" + HexFormat.of().formatHex(HmacKey.of(SECRET).sign(body)));

            assertThat(poster.post("ghcr", file, headers))
                    .as(file + ": registry.url is https://CONTAINER.pkg.github.com/Codertocat, the image is on ghcr.io")
                    .containsExactly("ghcr.io/codertocat/hello-world");
        }
        Map<String, String> unsigned = Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=00");
        assertThat(poster.handle("ghcr", null, "ghcr/package-published-docker.json", unsigned)
                        .status())
                .isEqualTo(NotificationResponse.UNAUTHORIZED);
        byte[] npm = RealWorldPoster.body("ghcr/package-published-npm.json");
        assertThat(poster.post(
                        "ghcr",
                        "ghcr/package-published-npm.json",
                        Map.of(
                                "X-Hub-Signature-256",
                                "sha256="
                                        + HexFormat.of()
                                                .formatHex(HmacKey.of(SECRET).sign(npm)))))
                .isEmpty();
    }
}
