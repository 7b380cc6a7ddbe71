package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Real HTTP from {@link HttpClient} to a receiver on 127.0.0.1. */
public class NotificationReceiverTest {
    private static final String TOKEN = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw";
    private static final String DISTRIBUTION_TYPE = "application/vnd.docker.distribution.events.v1+json";
    private static final HmacKey GHCR_KEY = HmacKey.of("it's a secret to everybody");

    private final BlockingQueue<PushNotification> delivered = new LinkedBlockingQueue<>();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ExecutorService requestThreads;
    private ExecutorService listenerThread;
    private volatile CountDownLatch listenerGate = new CountDownLatch(0);
    private NotificationReceiver receiver;

    @Before
    public void startReceiver() throws Exception {
        requestThreads = Executors.newFixedThreadPool(4);
        listenerThread = Executors.newSingleThreadExecutor();
        NotificationHandler handler = new NotificationHandler(
                Map.of(
                        NotificationSource.DISTRIBUTION,
                        NotificationAuthenticator.bearerToken(TokenHash.of(TOKEN)),
                        NotificationSource.DOCKERHUB,
                        NotificationAuthenticator.pathToken(TokenHash.of(TOKEN)),
                        NotificationSource.GHCR,
                        NotificationAuthenticator.hmacSha256("X-Hub-Signature-256", GHCR_KEY)),
                pushes -> {
                    try {
                        listenerGate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    delivered.addAll(pushes);
                },
                listenerThread);
        receiver = NotificationReceiver.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, requestThreads);
    }

    @After
    public void stopReceiver() throws Exception {
        listenerGate.countDown();
        receiver.close();
        requestThreads.shutdownNow();
        listenerThread.shutdownNow();
        assertThat(requestThreads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postDistribution(byte[] body, String... headers) throws Exception {
        return post("distribution", DISTRIBUTION_TYPE, body, headers);
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** Sends a valid push and asserts it is the next (and only) thing delivered: nothing before it got through. */
    private void assertNothingElseWasDelivered() throws Exception {
        byte[] body = Fixtures.withText("distribution/manifest-push.json", "/events/0/target", "tag", "sentinel");
        assertThat(postDistribution(body, bearer(TOKEN)).statusCode()).isEqualTo(202);
        PushNotification first = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.tag()).contains("sentinel");
        assertThat(delivered).isEmpty();
    }

    @Test
    public void authenticatedManifestPushIsAcceptedAndDelivered() throws Exception {
        HttpResponse<String> response =
                postDistribution(Fixtures.bytes("distribution/manifest-push.json"), bearer(TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        PushNotification push = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(push).isNotNull();
        assertThat(push.repository()).isEqualTo("demo/app");
        assertThat(push.tag()).contains("latest");
    }

    @Test
    public void answers202BeforeTheListenerRuns() throws Exception {
        listenerGate = new CountDownLatch(1);

        HttpResponse<String> response =
                postDistribution(Fixtures.bytes("distribution/manifest-push.json"), bearer(TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(delivered).as("the listener is still held").isEmpty();
        listenerGate.countDown();
        assertThat(delivered.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    public void pathTokenAuthenticatesDockerHub() throws Exception {
        HttpResponse<String> response =
                post("dockerhub/" + TOKEN, "application/json", Fixtures.bytes("dockerhub/push.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(delivered.poll(5, TimeUnit.SECONDS))
                .isEqualTo(PushNotification.of(
                        NotificationSource.DOCKERHUB, "docker.io", "svendowideit/testhook", "latest", null));
    }

    @Test
    public void hmacSignatureAuthenticatesGhcr() throws Exception {
        byte[] body = Fixtures.bytes("ghcr/package-published.json");
        String signature = "sha256=" + HexFormat.of().formatHex(GHCR_KEY.sign(body));

        assertThat(post("ghcr", "application/json", body, "X-Hub-Signature-256", signature)
                        .statusCode())
                .isEqualTo(202);
        assertThat(delivered.poll(5, TimeUnit.SECONDS).repository()).isEqualTo("acme-corp/app");
    }

    @Test
    public void nonPushEventIsAcceptedWithoutDeliveringAnything() throws Exception {
        assertThat(postDistribution(Fixtures.bytes("distribution/pull-only.json"), bearer(TOKEN))
                        .statusCode())
                .isEqualTo(202);
        assertNothingElseWasDelivered();
    }

    @Test
    public void missingOrWrongCredentialsAre401() throws Exception {
        byte[] push = Fixtures.bytes("distribution/manifest-push.json");
        assertThat(postDistribution(push).statusCode()).isEqualTo(401);
        assertThat(postDistribution(push, bearer("d3Jvbmctd3Jvbmctd3Jvbmctd3Jvbmc"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("distribution/" + TOKEN, DISTRIBUTION_TYPE, push).statusCode())
                .as("a path token does not count for a bearer endpoint")
                .isEqualTo(401);
        assertThat(post("dockerhub", "application/json", Fixtures.bytes("dockerhub/push.json"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(
                                "dockerhub/not-the-token-at-all-not-at-all",
                                "application/json",
                                Fixtures.bytes("dockerhub/push.json"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(
                                "ghcr",
                                "application/json",
                                Fixtures.bytes("ghcr/package-published.json"),
                                "X-Hub-Signature-256",
                                "sha256=" + "0".repeat(64))
                        .statusCode())
                .isEqualTo(401);
        assertNothingElseWasDelivered();
    }

    @Test
    public void unknownPathsAndSourcesAre404() throws Exception {
        byte[] push = Fixtures.bytes("distribution/manifest-push.json");
        assertThat(post("nexus", DISTRIBUTION_TYPE, push, bearer(TOKEN)).statusCode())
                .isEqualTo(404);
        assertThat(post("harbor", "application/json", Fixtures.bytes("harbor/push-artifact.json"), bearer(TOKEN))
                        .statusCode())
                .as("a known source that is not enabled")
                .isEqualTo(404);
        assertThat(post("distribution/" + TOKEN + "/extra", DISTRIBUTION_TYPE, push, bearer(TOKEN))
                        .statusCode())
                .isEqualTo(404);
        assertThat(post("/elsewhere", DISTRIBUTION_TYPE, push, bearer(TOKEN)).statusCode())
                .isEqualTo(404);
        assertNothingElseWasDelivered();
    }

    @Test
    public void methodsOtherThanPostAre405() throws Exception {
        HttpResponse<String> get = client.send(
                HttpRequest.newBuilder(receiver.baseUri().resolve("distribution"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> put = client.send(
                HttpRequest.newBuilder(receiver.baseUri().resolve("distribution"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(Fixtures.bytes("distribution/manifest-push.json")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(put.statusCode()).isEqualTo(405);
        assertNothingElseWasDelivered();
    }

    @Test
    public void distributionEndpointWantsItsEnvelopeTypeOrJson() throws Exception {
        byte[] push = Fixtures.bytes("distribution/manifest-push.json");
        assertThat(post("distribution", "text/plain", push, bearer(TOKEN)).statusCode())
                .isEqualTo(415);
        assertThat(post("distribution", null, push, bearer(TOKEN)).statusCode()).isEqualTo(415);
        assertNothingElseWasDelivered();
        assertThat(post("distribution", "application/json; charset=utf-8", push, bearer(TOKEN))
                        .statusCode())
                .isEqualTo(202);
        assertThat(post("dockerhub/" + TOKEN, "text/plain", Fixtures.bytes("dockerhub/push.json"))
                        .statusCode())
                .as("other sources do not depend on the content type")
                .isEqualTo(202);
    }

    @Test
    public void malformedBodiesAre400() throws Exception {
        assertThat(postDistribution("not json".getBytes(), bearer(TOKEN)).statusCode())
                .isEqualTo(400);
        assertThat(postDistribution(
                                Fixtures.without("distribution/manifest-push.json", "/events/0/target", "repository"),
                                bearer(TOKEN))
                        .statusCode())
                .isEqualTo(400);
        assertNothingElseWasDelivered();
    }

    @Test
    public void bodiesOverOneMebibyteAre413() throws Exception {
        byte[] big = new byte[NotificationHandler.MAX_BODY_BYTES + 1];
        assertThat(postDistribution(big, bearer(TOKEN)).statusCode()).isEqualTo(413);

        HttpRequest chunked = HttpRequest.newBuilder(receiver.baseUri().resolve("distribution"))
                .header("Content-Type", DISTRIBUTION_TYPE)
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        assertThat(client.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("without Content-Length the cap still holds")
                .isEqualTo(413);
        assertNothingElseWasDelivered();
    }

    @Test
    public void floodOfOneThousandPushesLosesNone() throws Exception {
        int count = 1000;
        List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        Semaphore inFlight = new Semaphore(32);
        for (int i = 0; i < count; i++) {
            byte[] body = Fixtures.withText("distribution/manifest-push.json", "/events/0/target", "tag", "t" + i);
            inFlight.acquire();
            responses.add(client.sendAsync(
                            HttpRequest.newBuilder(receiver.baseUri().resolve("distribution"))
                                    .header("Content-Type", DISTRIBUTION_TYPE)
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        for (var response : responses) {
            assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        }
        Set<String> tags = new HashSet<>();
        while (tags.size() < count) {
            PushNotification push = delivered.poll(10, TimeUnit.SECONDS);
            assertThat(push).as("delivered %d of %d", tags.size(), count).isNotNull();
            tags.add(push.tag().orElseThrow());
        }
        assertThat(tags).hasSize(count).contains("t0", "t999");
    }

    @Test
    public void baseUriNamesTheLoopbackPort() {
        URI base = receiver.baseUri();
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(base.getPort()).isEqualTo(receiver.address().getPort()).isPositive();
        assertThat(base.getPath()).isEqualTo("/notify/");
    }
}
