package io.jenkins.plugins.imagestreams.registry;

import static io.jenkins.plugins.imagestreams.registry.StubServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;

/**
 * Answers without a body (a {@code HEAD}'s, an upload session's {@code 202} with {@code Content-Length: 0}) leave their
 * connection in the client's pool: a loop of digest checks or mounts keeps one connection per request in flight
 * instead of opening new ones as it goes.
 */
public class RegistryClientConnectionReuseTest {
    private static final byte[] MANIFEST =
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(MANIFEST);
    private static final Digest BLOB = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
    private static final int REQUESTS = 300;

    private final StubServer stub = new StubServer();

    @After
    public void stop() {
        stub.close();
    }

    private RegistryClient client() {
        return RegistryClient.builder().requestTimeout(Duration.ofSeconds(10)).build();
    }

    private ImageReference ref(String rest) {
        return ImageReference.parse(stub.host() + "/" + rest);
    }

    private void answerHeads() {
        stub.on(
                "HEAD /v2/app/manifests/v1",
                ex -> respond(
                        ex,
                        200,
                        Map.of(
                                "Docker-Content-Digest",
                                DIGEST.toString(),
                                "Content-Type",
                                "application/vnd.oci.image.manifest.v1+json"),
                        ""));
    }

    private long connections() {
        return stub.seen().stream()
                .mapToInt(StubServer.Seen::clientPort)
                .distinct()
                .count();
    }

    @Test
    public void digestChecksOneAfterAnotherUseOneConnection() throws Exception {
        answerHeads();
        try (RegistryClient client = client()) {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(client.resolve(ref("app:v1"))).isEqualTo(DIGEST);
            }
        }
        assertThat(stub.seen()).hasSize(REQUESTS);
        assertThat(connections()).isEqualTo(1);
    }

    @Test
    public void concurrentDigestChecksKeepAConnectionPerRequestInFlight() throws Exception {
        answerHeads();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RegistryClient client = client()) {
            List<Future<Digest>> checks = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                checks.add(pool.submit(() -> client.resolve(ref("app:v1"))));
            }
            for (Future<Digest> check : checks) {
                assertThat(check.get()).isEqualTo(DIGEST);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(connections()).isLessThanOrEqualTo(threads);
    }

    @Test
    public void refusedMountsOneAfterAnotherUseOneConnection() throws Exception {
        stub.on(
                "POST /v2/app/blobs/uploads/",
                ex -> respond(
                        ex, 202, Map.of("Location", "/v2/app/blobs/uploads/session-1", "Content-Length", "0"), ""));
        stub.on("DELETE /v2/app/blobs/uploads/session-1", ex -> respond(ex, 204, Map.of(), ""));
        try (RegistryClient client = client()) {
            for (int i = 0; i < REQUESTS / 2; i++) {
                assertThat(client.mountBlob(ref("app"), BLOB, "other")).isFalse();
            }
        }
        assertThat(stub.seen()).hasSize(REQUESTS);
        assertThat(connections()).isEqualTo(1);
    }
}
