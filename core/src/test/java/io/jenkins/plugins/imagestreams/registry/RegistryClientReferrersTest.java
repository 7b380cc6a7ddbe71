package io.jenkins.plugins.imagestreams.registry;

import static io.jenkins.plugins.imagestreams.registry.StubServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.registry.model.PushedManifest;
import io.jenkins.plugins.imagestreams.registry.model.Referrer;
import io.jenkins.plugins.imagestreams.registry.model.ReferrersIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.After;
import org.junit.Test;

/**
 * The referrers API and {@code OCI-Subject} as distribution spec 1.1 has them, against a loopback stub: CNCF
 * distribution 2.8, the registry the other tests run, has neither.
 */
public class RegistryClientReferrersTest {
    private static final Digest SUBJECT = Digest.parse("sha256:" + "a".repeat(64));
    private static final String PATH = "/v2/demo/app/referrers/" + SUBJECT;
    private static final Map<String, String> INDEX = Map.of("Content-Type", MediaTypes.OCI_INDEX);

    private final StubServer stub = new StubServer();
    private final RegistryClient client = RegistryClient.builder()
            .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)))
            .build();

    @After
    public void stop() {
        stub.close();
    }

    private ImageReference repository() {
        return ImageReference.parse(stub.host() + "/demo/app:latest");
    }

    private static String index(String digestChar, String artifactType) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"sha256:" + digestChar.repeat(64) + "\",\"size\":10,"
                + "\"artifactType\":\"" + artifactType + "\",\"annotations\":{\"k\":\"v\"}}]}";
    }

    @Test
    public void everyPageOfTheReferrersApiIsMerged() throws Exception {
        stub.on("GET " + PATH, ex -> {
            if (ex.getRequestURI().getQuery() == null) {
                assertThat(ex.getRequestHeaders().getFirst("Accept")).isEqualTo(MediaTypes.OCI_INDEX);
                respond(
                        ex,
                        200,
                        Map.of(
                                "Content-Type",
                                MediaTypes.OCI_INDEX,
                                "Link",
                                "<" + PATH + "?n=1&last=b>;" + " rel=\"next\""),
                        index("b", "application/spdx+json"));
            } else {
                respond(ex, 200, INDEX, index("c", "application/vnd.example.sig"));
            }
        });

        Optional<ReferrersIndex> listed = client.listReferrers(repository(), SUBJECT);

        assertThat(listed).isPresent();
        assertThat(listed.get().referrers())
                .extracting(Referrer::digest, Referrer::artifactType, Referrer::annotations)
                .containsExactly(
                        tuple(
                                Digest.parse("sha256:" + "b".repeat(64)),
                                Optional.of("application/spdx+json"),
                                Map.of("k", "v")),
                        tuple(
                                Digest.parse("sha256:" + "c".repeat(64)),
                                Optional.of("application/vnd.example.sig"),
                                Map.of("k", "v")));
        assertThat(stub.seen()).hasSize(2);
    }

    @Test
    public void registryWithoutTheApiAnswers404AndHasNoReferrersApi() throws Exception {
        assertThat(client.listReferrers(repository(), SUBJECT)).isEmpty();
        assertThat(stub.seen()).extracting(StubServer.Seen::pathAndQuery).containsExactly(PATH);
    }

    @Test
    public void answerThatIsNoImageIndexMeansNoReferrersApi() throws Exception {
        stub.on("GET " + PATH, ex -> respond(ex, 200, Map.of("Content-Type", "text/html"), "<html>welcome</html>"));

        assertThat(client.listReferrers(repository(), SUBJECT)).isEmpty();
    }

    @Test
    public void refusalIsAnErrorNamingTheSubjectAndRepository() {
        stub.on(
                "GET " + PATH,
                ex -> respond(
                        ex,
                        403,
                        Map.of("Content-Type", "application/json"),
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}"));

        assertThatThrownBy(() -> client.listReferrers(repository(), SUBJECT))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DENIED))
                .hasMessageContaining("list referrers of digest " + SUBJECT + " of " + stub.host() + "/demo/app");
    }

    @Test
    public void brokenIndexIsAnInvalidManifestError() {
        stub.on("GET " + PATH, ex -> respond(ex, 200, INDEX, "{\"manifests\":[{\"digest\":\"sha256:1\"}]}"));

        assertThatThrownBy(() -> client.listReferrers(repository(), SUBJECT))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID))
                .hasMessageContaining("referrers");
    }

    @Test
    public void pushReportsTheSubjectARegistryWithTheApiListedTheManifestUnder() throws Exception {
        Manifest manifest = Manifest.of(
                MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8));
        stub.on(
                "PUT /v2/demo/app/manifests/" + manifest.digest(),
                ex -> respond(
                        ex,
                        201,
                        Map.of(
                                "Docker-Content-Digest",
                                manifest.digest().toString(),
                                "OCI-Subject",
                                SUBJECT.toString()),
                        ""));
        stub.on("PUT /v2/demo/app/manifests/plain", ex -> respond(ex, 201, Map.of(), ""));

        PushedManifest listed = client.pushManifest(repository().withDigest(manifest.digest()), manifest);
        PushedManifest unlisted = client.pushManifest(repository().withTag("plain"), manifest);

        assertThat(listed).isEqualTo(new PushedManifest(manifest.digest(), Optional.of(SUBJECT)));
        assertThat(unlisted).isEqualTo(new PushedManifest(manifest.digest(), Optional.empty()));
    }
}
