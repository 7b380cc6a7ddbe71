package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FaultProxyTest {
    private static final String MANIFEST = "/v2/fp/app/manifests/1";

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    private static OciLayout image;

    @Rule
    public final FaultProxy proxy = FaultProxy.inFrontOf(REGISTRY);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeClass
    public static void pushImage() throws Exception {
        image = TestImages.image(TMP.newFolder().toPath(), "behind a proxy");
        Skopeo.push(image, REGISTRY, "fp/app:1");
    }

    @Test
    public void untouchedRequestsReachTheRegistryOverOneKeptAliveConnection() throws Exception {
        HttpResponse<Void> first = head(MANIFEST);
        HttpResponse<Void> second = head(MANIFEST);

        assertThat(first.headers().firstValue("Docker-Content-Digest")).contains(image.digest());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
        assertThat(proxy.requestCount("HEAD", MANIFEST)).isEqualTo(2);
    }

    @Test
    public void statusFaultAnswersOnlyTheNextMatchingRequests() throws Exception {
        FaultRule rule =
                proxy.add(FaultRule.on("HEAD", "/v2/.+/manifests/.+").next(2).inject(Fault.status(503)));
        HttpResponse<String> get = get(MANIFEST);

        assertThat(head(MANIFEST).statusCode()).isEqualTo(503);
        assertThat(head(MANIFEST).statusCode()).isEqualTo(503);
        assertThat(head(MANIFEST).statusCode()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(rule.applied()).isEqualTo(2);
        assertThat(proxy.requestCount("HEAD", MANIFEST)).isEqualTo(3);
        assertThat(proxy.requests()).filteredOn(r -> r.fault() != null).hasSize(2);
    }

    @Test
    public void statusFaultCarriesADistributionErrorBody() throws Exception {
        proxy.add(FaultRule.on("GET", MANIFEST).next(1).inject(Fault.status(500)));

        HttpResponse<String> response = get(MANIFEST);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"errors\"").contains("injected by FaultProxy");
    }

    @Test
    public void tooManyRequestsCarriesRetryAfter() throws Exception {
        proxy.add(FaultRule.on("*", MANIFEST).next(1).inject(Fault.tooManyRequests(7)));

        HttpResponse<String> response = get(MANIFEST);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(response.body()).contains("TOOMANYREQUESTS");
        assertThat(get(MANIFEST).statusCode()).isEqualTo(200);
    }

    @Test
    public void resetFaultBreaksTheConnectionAndTheNextRequestSucceeds() throws Exception {
        // java.net.http retries an idempotent request once after a reset, so two resets fail one send()
        proxy.add(FaultRule.on("HEAD", MANIFEST).next(2).inject(Fault.reset()));

        assertThatThrownBy(() -> head(MANIFEST)).isInstanceOf(IOException.class);
        assertThat(proxy.requestCount("HEAD", MANIFEST)).isEqualTo(2);
        assertThat(head(MANIFEST).statusCode()).isEqualTo(200);
    }

    @Test
    public void stallDelaysTheAnswer() throws Exception {
        proxy.add(FaultRule.on("HEAD", MANIFEST).next(1).inject(Fault.stall(Duration.ofMillis(400))));

        long start = System.nanoTime();
        HttpResponse<Void> response = head(MANIFEST);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(millis).isGreaterThanOrEqualTo(400);
    }

    @Test
    public void truncatedBodyAnnouncesFullLengthButEndsEarly() throws Exception {
        proxy.add(FaultRule.on("GET", MANIFEST).next(2).inject(Fault.truncate()));

        RawExchange exchange = rawGet(MANIFEST);

        int announced = Integer.parseInt(exchange.header("Content-Length"));
        assertThat(announced).isEqualTo(image.manifestBytes().length);
        assertThat(exchange.body()).hasSize(announced / 2);
        assertThatThrownBy(() -> get(MANIFEST))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(proxy.requestCount("GET", MANIFEST)).isEqualTo(2));
    }

    @Test
    public void rewrittenDigestHeaderReachesTheClient() throws Exception {
        String fake = Sha256.of("not the manifest".getBytes(StandardCharsets.UTF_8));
        proxy.add(FaultRule.on("HEAD", MANIFEST).next(1).inject(Fault.rewriteDigest(fake)));

        assertThat(head(MANIFEST).headers().firstValue("Docker-Content-Digest")).contains(fake);
        assertThat(head(MANIFEST).headers().firstValue("Docker-Content-Digest")).contains(image.digest());
    }

    @Test
    public void rewrittenPathIsServedFromAnotherEndpointAndRecordedAsAsked() throws Exception {
        proxy.add(FaultRule.on("GET", "/v2/fp/app/referrers/.+")
                .inject(Fault.rewritePath("/v2/(.+)/referrers/.+", "/v2/$1/manifests/1")));

        HttpResponse<String> response = get("/v2/fp/app/referrers/" + image.digest() + "?artifactType=x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Sha256.of(response.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(image.digest());
        assertThat(proxy.requests())
                .extracting(RecordedRequest::path, RecordedRequest::query)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "/v2/fp/app/referrers/" + image.digest(), "artifactType=x"));
    }

    @Test
    public void addedResponseHeaderReachesTheClient() throws Exception {
        proxy.add(FaultRule.on("HEAD", MANIFEST).next(1).inject(Fault.addResponseHeader("OCI-Subject", "x")));

        assertThat(head(MANIFEST).headers().firstValue("OCI-Subject")).contains("x");
        assertThat(head(MANIFEST).headers().firstValue("OCI-Subject")).isEmpty();
    }

    @Test
    public void oversizeFaultSendsTheAnnouncedNumberOfFillerBytes() throws Exception {
        proxy.add(FaultRule.on("GET", MANIFEST).next(1).inject(Fault.oversize(5_000_000)));

        HttpResponse<byte[]> response =
                client.send(request(MANIFEST).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).contains("5000000");
        assertThat(response.body()).hasSize(5_000_000);
    }

    @Test
    public void seededShareFaultsTheSameRequestsEveryRun() throws Exception {
        List<Integer> first =
                statuses(FaultRule.on("HEAD", MANIFEST).share(0.5, 42).inject(Fault.status(502)));
        proxy.clearRules();
        List<Integer> second =
                statuses(FaultRule.on("HEAD", MANIFEST).share(0.5, 42).inject(Fault.status(502)));

        assertThat(first).isEqualTo(second).contains(200, 502);
    }

    @Test
    public void clearRulesStopsInjecting() throws Exception {
        proxy.add(FaultRule.on("*", ".*").inject(Fault.status(503)));
        assertThat(head(MANIFEST).statusCode()).isEqualTo(503);

        proxy.clearRules();

        assertThat(head(MANIFEST).statusCode()).isEqualTo(200);
    }

    @Test
    public void pushThroughProxyFollowsLocationsBackToItAndCountsUploadedBytes() throws Exception {
        OciLayout big = TestImages.image(TMP.newFolder().toPath(), "through the proxy", 2, 300_000);

        Skopeo.push(big, proxy, "fp/through:1");

        assertThat(proxy.requestCount("*", "/v2/fp/through/blobs/uploads/.+")).isGreaterThan(0);
        assertThat(proxy.uploadedBytes()).isGreaterThan(2 * 300_000);
        assertThat(new RawRegistryHttp(REGISTRY).digest("fp/through", "1")).contains(big.digest());

        proxy.clearRequests();
        Skopeo.push(big, proxy, "fp/through:2");

        assertThat(proxy.requestCount("*", "/v2/fp/through/blobs/uploads/.*")).isZero();
        assertThat(proxy.uploadedBytes()).isEqualTo(big.manifestBytes().length);
    }

    @Test
    public void defaultHttpClientWithItsH2cUpgradeOfferWorksThroughTheProxy() throws Exception {
        assertThat(new RawRegistryHttp(proxy).digest("fp/app", "1")).contains(image.digest());
    }

    @Test
    public void chunkedUploadIsRelayedToTheLocationTheRegistryGaveAndCounted() throws Exception {
        HttpResponse<Void> started = client.send(
                HttpRequest.newBuilder(proxy.url().resolve("/v2/fp/chunked/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = started.headers().firstValue("Location").orElseThrow();
        byte[] payload = new byte[100_000];
        java.util.Arrays.fill(payload, (byte) 7);

        HttpResponse<Void> patched = client.send(
                HttpRequest.newBuilder(java.net.URI.create(location))
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(payload)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(location).startsWith(proxy.url().toString());
        assertThat(patched.statusCode()).isEqualTo(202);
        assertThat(patched.headers().firstValue("Range")).contains("0-99999");
        assertThat(proxy.uploadedBytes()).isEqualTo(payload.length);
    }

    private List<Integer> statuses(FaultRule rule) throws Exception {
        proxy.add(rule);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(head(MANIFEST).statusCode());
        }
        return statuses;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(proxy.url().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", RawRegistryHttp.ACCEPT_ALL_MANIFESTS);
    }

    private HttpResponse<Void> head(String path) throws Exception {
        return client.send(
                request(path)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET over a bare socket that reads until the server closes, to see exactly what arrived. */
    private RawExchange rawGet(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + proxy.host() + "\r\nAccept: "
                            + RawRegistryHttp.ACCEPT_ALL_MANIFESTS + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            HttpHead head = HttpHead.read(in);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            in.transferTo(body);
            return new RawExchange(head, body.toByteArray());
        }
    }

    private record RawExchange(HttpHead head, byte[] body) {
        String header(String name) {
            return head.first(name);
        }
    }
}
