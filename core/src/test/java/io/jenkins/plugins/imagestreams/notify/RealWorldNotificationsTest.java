package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Payloads the vendors publish (under {@code real-world/notifications}, sources in its README), each posted the way its
 * vendor documents: the content type, and the secret where that vendor puts it ({@link
 * NotificationAuthenticator#documented}). Each test asserts what is imported: registry, repository, tag and digest.
 */
public class RealWorldNotificationsTest {
    private static final Path ROOT = Path.of("src/test/resources/real-world/notifications");
    private static final String SECRET = "a-shared-secret-of-32-characters";

    private final List<PushNotification> received = new ArrayList<>();
    private final NotificationHandler handler = new NotificationHandler(endpoints(), received::addAll, Runnable::run);

    @Test
    public void distributionThreeSendsTheV2EnvelopeMediaType() throws IOException {
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/vnd.docker.distribution.events.v2+json",
                "Authorization",
                "Bearer " + SECRET);

        assertThat(post("distribution", "distribution/docs-push-envelope.json", headers))
                .containsExactly(
                        "registrycluster.local/library/test@sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf");
        assertThat(post("distribution", "distribution/docs-manifest-pull.json", headers))
                .isEmpty();
        NotificationResponse fixture = handle("distribution", "distribution/event_test-envelope.json", headers);
        assertThat(fixture.status())
                .as("distribution's own test envelope has a digest that is not one")
                .isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(fixture.message()).contains("events[0].target.digest");
    }

    @Test
    public void harborPushesByTagAndByDigestInBothPayloadFormats() throws IOException {
        Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", SECRET);
        Map<String, String> cloudEvents =
                Map.of("Content-Type", "application/cloudevents+json", "Authorization", "Bearer " + SECRET);
        String busybox =
                "harbor.dev/library/busybox@sha256:dde8e930c7b6a490f728e66292bc9bce42efc9bbb5278bae40e4f30f6e00fe8c";

        assertThat(post("harbor", "harbor/docs-push-artifact.json", json))
                .containsExactly("hub.harbor.com/test-webhook/debian:latest"
                        + "@sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8");
        assertThat(post("harbor", "harbor/default-push-artifact-by-digest.json", json))
                .containsExactly(busybox);
        assertThat(post("harbor", "harbor/default-pull-artifact-by-digest.json", json))
                .isEmpty();
        assertThat(post("harbor", "harbor/cloudevents-artifact-pushed-by-digest.json", cloudEvents))
                .containsExactly(busybox);
        assertThat(post("harbor", "harbor/cloudevents-artifact-pulled.json", cloudEvents))
                .isEmpty();
    }

    @Test
    public void harborCloudEventsOfAnotherSenderAreRefusedNotIgnored() {
        NotificationResponse response = handler.handle(
                "harbor",
                null,
                headers(Map.of("Content-Type", "application/cloudevents+json", "Authorization", SECRET)),
                new ByteArrayInputStream("{\"specversion\":\"1.0\",\"type\":\"com.example.object.created\",\"data\":{}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(NotificationResponse.BAD_REQUEST);
        assertThat(response.message()).contains("type", "is not a Harbor CloudEvents type");
    }

    @Test
    public void gitHubPackageEventsSignedWithTheSecretImportFromGhcr() throws IOException {
        for (String file :
                List.of("ghcr/package-published-docker.json", "ghcr/registry_package-published-docker.json")) {
            byte[] body = Files.readAllBytes(ROOT.resolve(file));
            Map<String, String> headers = Map.of(
                    "Content-Type",
                    "application/json",
                    "X-GitHub-Event",
                    file.startsWith("ghcr/package") ? "package" : "registry_package",
                    "X-Hub-Signature-256",
                    "sha256=" + HexFormat.of().formatHex(HmacKey.of(SECRET).sign(body)));

            assertThat(post("ghcr", file, headers))
                    .as(file + ": registry.url is https://CONTAINER.pkg.github.com/Codertocat, the image is on ghcr.io")
                    .containsExactly("ghcr.io/codertocat/hello-world");
        }
        Map<String, String> unsigned = Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=00");
        assertThat(handle("ghcr", "ghcr/package-published-docker.json", unsigned)
                        .status())
                .isEqualTo(NotificationResponse.UNAUTHORIZED);
        byte[] npm = Files.readAllBytes(ROOT.resolve("ghcr/package-published-npm.json"));
        assertThat(post(
                        "ghcr",
                        "ghcr/package-published-npm.json",
                        Map.of(
                                "X-Hub-Signature-256",
                                "sha256="
                                        + HexFormat.of()
                                                .formatHex(HmacKey.of(SECRET).sign(npm)))))
                .isEmpty();
    }

    @Test
    public void artifactorySendsTheSecretInXJFrogEventAuth() throws IOException {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-JFrog-Event-Auth", SECRET);

        assertThat(handle("artifactory", "../../notify/artifactory/docker-pushed.json", headers)
                        .status())
                .isEqualTo(NotificationResponse.ACCEPTED);
        assertThat(received).hasSize(1);
        assertThat(handle(
                                "artifactory",
                                "../../notify/artifactory/docker-pushed.json",
                                Map.of("X-JFrog-Event-Auth", "x"))
                        .status())
                .isEqualTo(NotificationResponse.UNAUTHORIZED);
    }

    private List<String> post(String source, String file, Map<String, String> headers) throws IOException {
        received.clear();
        NotificationResponse response = handle(source, file, headers);
        assertThat(response.status()).as(file + ": " + response.message()).isEqualTo(NotificationResponse.ACCEPTED);
        return received.stream()
                .map(p -> p.registry().map(r -> r + "/").orElse("")
                        + p.repository()
                        + p.tag().map(t -> ":" + t).orElse("")
                        + p.digest().map(d -> "@" + d).orElse(""))
                .toList();
    }

    private NotificationResponse handle(String source, String file, Map<String, String> headers) throws IOException {
        return handler.handle(
                source, null, headers(headers), new ByteArrayInputStream(Files.readAllBytes(ROOT.resolve(file))));
    }

    private static Map<String, List<String>> headers(Map<String, String> headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.forEach((name, value) -> result.put(name, List.of(value)));
        return result;
    }

    private static Map<NotificationSource, NotificationAuthenticator> endpoints() {
        Map<NotificationSource, NotificationAuthenticator> endpoints = new EnumMap<>(NotificationSource.class);
        for (NotificationSource source : NotificationSource.values()) {
            endpoints.put(source, NotificationAuthenticator.documented(source, SECRET));
        }
        return endpoints;
    }
}
