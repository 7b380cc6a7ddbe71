package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The real registry (docker-registry 2.8.2 on loopback) posts its notifications to a receiver. */
public class RegistryNotificationTest {
    private static final String TOKEN = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw";

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final BlockingQueue<PushNotification> delivered = new LinkedBlockingQueue<>();
    private ExecutorService threads;
    private NotificationReceiver receiver;

    @Before
    public void startReceiver() throws Exception {
        threads = Executors.newFixedThreadPool(2);
        NotificationHandler handler = new NotificationHandler(
                Map.of(NotificationSource.DISTRIBUTION, NotificationAuthenticator.pathToken(TokenHash.of(TOKEN))),
                delivered::addAll,
                threads);
        receiver = NotificationReceiver.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, threads);
    }

    @After
    public void stopReceiver() {
        receiver.close();
        threads.shutdownNow();
    }

    @Test
    public void pushToTheRealRegistryArrivesAsOneManifestPushAndHeadSendsNothing() throws Exception {
        try (RegistryFixture registry = RegistryFixture.builder()
                .notifications(receiver.baseUri().resolve("distribution/" + TOKEN))
                .build()
                .start()) {
            Digest pushed = Digest.parse(
                    Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "v1"), registry, "demo/app:latest"));

            PushNotification push = delivered.poll(10, TimeUnit.SECONDS);
            assertThat(push).as("a notification within 10 s").isNotNull();
            assertThat(push)
                    .isEqualTo(PushNotification.of(
                            NotificationSource.DISTRIBUTION, registry.host(), "demo/app", "latest", pushed));

            HttpResponse<Void> head = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(registry.url().resolve("/v2/demo/app/manifests/latest"))
                                    .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(Skopeo.rawManifest(registry, "demo/app:latest"))
                    .as("a pull of the manifest")
                    .isNotEmpty();
            Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "sentinel"), registry, "demo/sentinel:1");

            PushNotification next = delivered.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("the sentinel push arrives").isNotNull();
            assertThat(next.repository())
                    .as("neither the HEAD, the GET nor the blob uploads produced a notification")
                    .isEqualTo("demo/sentinel");
            assertThat(delivered.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
