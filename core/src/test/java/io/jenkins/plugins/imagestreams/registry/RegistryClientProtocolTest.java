package io.jenkins.plugins.imagestreams.registry;

import static io.jenkins.plugins.imagestreams.registry.StubServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.auth.Authenticator;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/** Protocol corner cases against a loopback stub; the real registry is exercised by RegistryClientIT. */
public class RegistryClientProtocolTest {
    private static final String OCI = MediaTypes.OCI_MANIFEST;
    private static final byte[] MANIFEST =
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(MANIFEST);

    private final StubServer stub = new StubServer();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final RetryPolicy fast =
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(50));

    @After
    public void stop() {
        stub.close();
    }

    private RegistryClient client(CredentialsProvider credentials) {
        return RegistryClient.builder()
                .credentials(credentials)
                .retryPolicy(fast)
                .sleeper(sleeps::add)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    private RegistryClient client() {
        return client(CredentialsProvider.ANONYMOUS);
    }

    private ImageReference ref(String rest) {
        return ImageReference.parse(stub.host() + "/" + rest);
    }

    @Test
    public void headWithoutDigestHeaderFallsBackToGetAndHashesTheBody() throws Exception {
        stub.on("HEAD /v2/demo/app/manifests/v1", ex -> respond(ex, 200, Map.of("Content-Type", OCI), ""));
        stub.on("GET /v2/demo/app/manifests/v1", ex -> respond(ex, 200, Map.of("Content-Type", OCI), MANIFEST));

        assertThat(client().resolve(ref("demo/app:v1"))).isEqualTo(DIGEST);
        assertThat(stub.seen()).extracting(StubServer.Seen::method).containsExactly("HEAD", "GET");
    }

    @Test
    public void everyManifestRequestSendsTheFullAcceptSet() throws Exception {
        List<String> accepts = new CopyOnWriteArrayList<>();
        stub.on("GET /v2/demo/app/manifests/v1", ex -> {
            accepts.add(ex.getRequestHeaders().getFirst("Accept"));
            respond(ex, 200, Map.of("Content-Type", OCI, "Docker-Content-Digest", DIGEST.toString()), MANIFEST);
        });
        client().getManifest(ref("demo/app:v1"));
        assertThat(accepts).singleElement().satisfies(accept -> assertThat(accept)
                .contains(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST)
                .contains(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST));
    }

    @Test
    public void bodyNotMatchingTheAnnouncedDigestIsAMismatchNeverAWrongDigest() {
        Digest other = Digest.sha256(new byte[] {1});
        stub.on(
                "GET /v2/demo/app/manifests/v1",
                ex -> respond(
                        ex, 200, Map.of("Content-Type", OCI, "Docker-Content-Digest", other.toString()), MANIFEST));
        stub.on(
                "HEAD /v2/demo/app/manifests/" + DIGEST,
                ex -> respond(ex, 200, Map.of("Docker-Content-Digest", other.toString()), ""));

        assertThatThrownBy(() -> client().getManifest(ref("demo/app:v1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
        assertThatThrownBy(() -> client().resolve(ref("demo/app@" + DIGEST)))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
    }

    @Test
    public void manifestLargerThanFourMebibytesIsRefused() {
        byte[] huge = new byte[Response.MAX_BODY + 1];
        stub.on("GET /v2/demo/app/manifests/v1", ex -> respond(ex, 200, Map.of("Content-Type", OCI), huge));
        assertThatThrownBy(() -> client().getManifest(ref("demo/app:v1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    public void locationsAndLinksThatAreNoHttpUrlAreRefusedAsRegistryErrors() {
        Digest blob = Digest.sha256("blob".getBytes(StandardCharsets.UTF_8));
        stub.on("GET /v2/demo/app/blobs/" + blob, ex -> respond(ex, 307, Map.of("Location", "file:///etc/passwd"), ""));
        stub.on(
                "GET /v2/demo/app/tags/list",
                ex -> respond(ex, 200, Map.of("Link", "<ftp://127.0.0.1/x>; rel=\"next\""), "{\"tags\":[\"a\"]}"));
        stub.on("POST /v2/demo/app/blobs/uploads/", ex -> respond(ex, 202, Map.of("Location", "http://[::1"), ""));

        assertThatThrownBy(() -> client().openBlob(ref("demo/app"), blob))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
                        .contains("'file:///etc/passwd', which is not an http(s) URL"));
        assertThatThrownBy(() -> client().listTags(ref("demo/app")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN));
        assertThatThrownBy(() -> client().uploadBlob(ref("demo/app"), blob, 4, BlobSource.of("blob".getBytes())))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.getMessage()).contains("'http://[::1'"));
    }

    @Test
    public void tagListFollowsLinkPagesAndNullTagsMeansNone() throws Exception {
        stub.on("GET /v2/demo/app/tags/list", ex -> {
            if (ex.getRequestURI().getQuery() == null) {
                respond(
                        ex,
                        200,
                        Map.of("Link", "</v2/demo/app/tags/list?last=b&n=2>; rel=\"next\""),
                        "{\"name\":\"demo/app\",\"tags\":[\"a\",\"b\"]}");
            } else {
                respond(ex, 200, Map.of(), "{\"name\":\"demo/app\",\"tags\":[\"c\"]}");
            }
        });
        stub.on(
                "GET /v2/demo/gone/tags/list",
                ex -> respond(ex, 200, Map.of(), "{\"name\":\"demo/gone\",\"tags\":null}"));

        assertThat(client().listTags(ref("demo/app"))).containsExactly("a", "b", "c");
        assertThat(client().listTags(ref("demo/gone"))).isEmpty();
    }

    @Test
    public void serverErrorsAreRetriedWithBackoffThenSucceed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        stub.on("HEAD /v2/demo/app/manifests/v1", ex -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                respond(ex, 503, Map.of(), "");
            } else if (n == 2) {
                respond(ex, 502, Map.of(), "");
            } else {
                respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), "");
            }
        });
        assertThat(client().resolve(ref("demo/app:v1"))).isEqualTo(DIGEST);
        assertThat(calls).hasValue(3);
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(4)));
    }

    @Test
    public void tooManyRequestsWaitsForRetryAfterCappedByThePolicy() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        stub.on("HEAD /v2/demo/app/manifests/v1", ex -> {
            if (calls.incrementAndGet() == 1) {
                respond(ex, 429, Map.of("Retry-After", "3600"), "");
            } else {
                respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), "");
            }
        });
        assertThat(client().resolve(ref("demo/app:v1"))).isEqualTo(DIGEST);
        assertThat(sleeps).contains(Duration.ofMillis(50));
    }

    @Test
    public void persistentServerErrorGivesUpWithATypedErrorNamingTheAction() {
        stub.on("HEAD /v2/demo/app/manifests/v1", ex -> respond(ex, 500, Map.of(), ""));
        assertThatThrownBy(() -> client().resolve(ref("demo/app:v1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage())
                            .contains("resolve tag v1 of " + stub.host() + "/demo/app")
                            .contains("after 3 attempts");
                });
        assertThat(stub.seen()).hasSize(3);
    }

    @Test
    public void rateLimitRemainingZeroHoldsTheNextRequest() throws Exception {
        stub.on(
                "HEAD /v2/demo/app/manifests/v1",
                ex -> respond(
                        ex,
                        200,
                        Map.of("Docker-Content-Digest", DIGEST.toString(), "RateLimit-Remaining", "0;w=60"),
                        ""));
        RegistryClient client = client();
        client.resolve(ref("demo/app:v1"));
        assertThat(sleeps).isEmpty();
        client.resolve(ref("demo/app:v1"));
        assertThat(sleeps)
                .singleElement()
                .satisfies(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMillis(50)));
    }

    @Test
    public void blobRedirectToAnotherHostIsFollowedWithoutCredentials() throws Exception {
        byte[] blob = "layer".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        try (StubServer storage = new StubServer()) {
            storage.on("GET /bucket/blob", ex -> respond(ex, 200, Map.of(), blob));
            stub.on("GET /v2/demo/app/blobs/" + digest, ex -> {
                if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                    respond(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), "");
                } else {
                    respond(ex, 307, Map.of("Location", "http://" + storage.host() + "/bucket/blob?sig=1"), "");
                }
            });
            CredentialsProvider creds = registry -> Optional.of(new Credentials("user", "pass"));
            try (BlobStream in = client(creds).openBlob(ref("demo/app"), digest)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
            assertThat(stub.seen())
                    .extracting(StubServer.Seen::authorization)
                    .containsExactly(null, Authenticator.basic(new Credentials("user", "pass")));
            assertThat(storage.seen()).singleElement().satisfies(s -> {
                assertThat(s.pathAndQuery()).isEqualTo("/bucket/blob?sig=1");
                assertThat(s.authorization()).isNull();
            });
        }
    }

    @Test
    public void blobStreamThrowsAtEndWhenContentDoesNotMatchItsDigest() throws Exception {
        Digest expected = Digest.sha256("right".getBytes(StandardCharsets.UTF_8));
        stub.on("GET /v2/demo/app/blobs/" + expected, ex -> respond(ex, 200, Map.of(), "wrong"));
        try (BlobStream in = client().openBlob(ref("demo/app"), expected)) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOfSatisfying(
                            BlobStream.DigestMismatchException.class,
                            e -> assertThat(e.registryException().code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
        }
    }

    @Test
    public void wrongBasicPasswordIsUnauthorizedAfterOneChallenge() {
        stub.on(
                "HEAD /v2/demo/app/manifests/v1",
                ex -> respond(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), ""));
        assertThatThrownBy(() ->
                        client(r -> Optional.of(new Credentials("u", "wrong"))).resolve(ref("demo/app:v1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).doesNotContain("wrong").contains("Check the credentials");
                });
        assertThat(stub.seen()).hasSize(2);
    }

    @Test
    public void bearerTokenIsRequestedPerScopeCachedAndRenewedAfterExpiry() throws Exception {
        AtomicInteger tokens = new AtomicInteger();
        List<String> tokenQueries = new CopyOnWriteArrayList<>();
        try (StubServer issuer = new StubServer()) {
            issuer.on("GET /token", ex -> {
                tokenQueries.add(ex.getRequestURI().getRawQuery());
                respond(
                        ex,
                        200,
                        Map.of(),
                        "{\"access_token\":\"tok" + tokens.incrementAndGet() + "\",\"expires_in\":120}");
            });
            String challenge = "Bearer realm=\"http://" + issuer.host() + "/token\",service=\"reg\","
                    + "scope=\"repository:demo/app:pull\"";
            stub.on("HEAD /v2/demo/app/manifests/v1", ex -> {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth != null && auth.equals("Bearer tok" + tokens.get())) {
                    respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), "");
                } else {
                    respond(ex, 401, Map.of("WWW-Authenticate", challenge), "");
                }
            });
            ManualClock clock = new ManualClock();
            RegistryClient client = RegistryClient.builder()
                    .credentials(r -> Optional.of(new Credentials("tokenuser", "tokenpass")))
                    .retryPolicy(fast)
                    .sleeper(sleeps::add)
                    .clock(clock)
                    .build();

            client.resolve(ref("demo/app:v1"));
            int afterFirst = stub.seen().size();
            client.resolve(ref("demo/app:v1"));
            client.resolve(ref("demo/app:v1"));

            assertThat(afterFirst).isEqualTo(2);
            assertThat(stub.seen()).hasSize(4);
            assertThat(tokens).hasValue(1);
            assertThat(tokenQueries.get(0))
                    .isEqualTo("service=reg&scope=repository%3Ademo%2Fapp%3Apull&account=tokenuser");

            clock.advance(Duration.ofSeconds(121));
            client.resolve(ref("demo/app:v1"));
            assertThat(tokens).hasValue(2);
            assertThat(stub.seen()).hasSize(5);
        }
    }

    @Test
    public void tokenRealmRefusingAHelpersExpiredTokenMakesTheProviderFetchItAgainOnce() throws Exception {
        List<String> refreshes = new CopyOnWriteArrayList<>();
        try (StubServer issuer = new StubServer()) {
            String fresh = Authenticator.basic(new Credentials("AWS", "fresh"));
            issuer.on("GET /token", ex -> {
                if (fresh.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    respond(ex, 200, Map.of(), "{\"token\":\"tok\"}");
                } else {
                    respond(ex, 401, Map.of(), "");
                }
            });
            String challenge = "Bearer realm=\"http://" + issuer.host() + "/token\",service=\"reg\"";
            stub.on("HEAD /v2/demo/app/manifests/v1", ex -> {
                if ("Bearer tok".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), "");
                } else {
                    respond(ex, 401, Map.of("WWW-Authenticate", challenge), "");
                }
            });
            String[] secret = {"expired"};
            CredentialsProvider helper = new CredentialsProvider() {
                @Override
                public Optional<Credentials> forRegistry(String registry) {
                    return Optional.of(new Credentials("AWS", secret[0]));
                }

                @Override
                public boolean refresh(ImageReference ref) {
                    refreshes.add(ref.registry());
                    secret[0] = "fresh";
                    return true;
                }
            };

            assertThat(client(helper).resolve(ref("demo/app:v1"))).isEqualTo(DIGEST);
            assertThat(refreshes).hasSize(1);

            secret[0] = "wrong-again";
            CredentialsProvider stillWrong = new CredentialsProvider() {
                @Override
                public Optional<Credentials> forRegistry(String registry) {
                    return Optional.of(new Credentials("AWS", "wrong-again"));
                }

                @Override
                public boolean refresh(ImageReference ref) {
                    refreshes.add(ref.registry());
                    return true;
                }
            };
            assertThatThrownBy(() -> client(stillWrong).resolve(ref("demo/app:v1")))
                    .isInstanceOfSatisfying(
                            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
            assertThat(refreshes).hasSize(2);
        }
    }

    @Test
    public void mountAsksForPullOnTheSourceAndPushOnTheTargetAsSeparateScopes() throws Exception {
        List<String> tokenQueries = new CopyOnWriteArrayList<>();
        try (StubServer issuer = new StubServer()) {
            issuer.on("GET /token", ex -> {
                tokenQueries.add(ex.getRequestURI().getRawQuery());
                respond(ex, 200, Map.of(), "{\"token\":\"t\"}");
            });
            stub.on("POST /v2/promo/app/blobs/uploads/", ex -> {
                if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                    respond(
                            ex,
                            401,
                            Map.of(
                                    "WWW-Authenticate",
                                    "Bearer realm=\"http://" + issuer.host()
                                            + "/token\",service=\"reg\",scope=\"repository:demo/app:pull repository:promo/app:push,pull\""),
                            "");
                } else {
                    respond(ex, 201, Map.of(), "");
                }
            });
            assertThat(client().mountBlob(ref("promo/app:prod"), DIGEST, "demo/app"))
                    .isTrue();
            assertThat(tokenQueries).singleElement().satisfies(q -> assertThat(q.split("&"))
                    .contains("scope=repository%3Apromo%2Fapp%3Apush%2Cpull", "scope=repository%3Ademo%2Fapp%3Apull")
                    .noneMatch(p -> p.contains(" ") || p.contains("+")));
        }
    }

    @Test
    public void concurrentRequestsToOneRegistryAreCappedByItsConfig() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        stub.on("HEAD /v2/demo/app/manifests/v1", ex -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), "");
        });
        RegistryClient client = RegistryClient.builder()
                .registryConfig(Map.of(stub.host(), RegistryConfig.defaults().withMaxConcurrentRequests(2)))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Digest>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> client.resolve(ref("demo/app:v1"))));
            }
            for (Future<Digest> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(DIGEST);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(peak).hasValue(2);
    }

    @Test
    public void requestsPerSecondSpacesRequestStarts() throws Exception {
        stub.on(
                "HEAD /v2/demo/app/manifests/v1",
                ex -> respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), ""));
        RegistryClient client = RegistryClient.builder()
                .registryConfig(Map.of(stub.host(), RegistryConfig.defaults().withMaxRequestsPerSecond(20)))
                .sleeper(d -> {
                    sleeps.add(d);
                    Thread.sleep(d.toMillis());
                })
                .build();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            client.resolve(ref("demo/app:v1"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(sleeps).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    public void identityTokenIsExchangedAsOAuthRefreshToken() throws Exception {
        List<String> forms = new CopyOnWriteArrayList<>();
        try (StubServer issuer = new StubServer()) {
            issuer.on("POST /token", ex -> respond(ex, 200, Map.of(), "{\"access_token\":\"oauth\"}"));
            stub.on("HEAD /v2/demo/app/manifests/v1", ex -> {
                if ("Bearer oauth".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    respond(ex, 200, Map.of("Docker-Content-Digest", DIGEST.toString()), "");
                } else {
                    respond(
                            ex,
                            401,
                            Map.of(
                                    "WWW-Authenticate",
                                    "Bearer realm=\"http://" + issuer.host()
                                            + "/token\",service=\"reg\",scope=\"repository:demo/app:pull\""),
                            "");
                }
            });
            assertThat(client(r -> Optional.of(Credentials.identityToken("refresh-123")))
                            .resolve(ref("demo/app:v1")))
                    .isEqualTo(DIGEST);
            assertThat(issuer.seen()).singleElement().satisfies(s -> {
                assertThat(s.method()).isEqualTo("POST");
                assertThat(s.authorization())
                        .as("no Basic header for identity tokens")
                        .isNull();
            });
        }
    }

    @Test
    public void credentialsAreNotSentToAPlainHttpTokenRealmOnAnotherMachine() {
        stub.on(
                "HEAD /v2/demo/app/manifests/v1",
                ex -> respond(
                        ex,
                        401,
                        Map.of(
                                "WWW-Authenticate",
                                "Bearer realm=\"http://auth.registry.invalid/token\",service=\"reg\""),
                        ""));
        assertThatThrownBy(() ->
                        client(r -> Optional.of(new Credentials("u", "p"))).resolve(ref("demo/app:v1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSECURE_REFUSED);
                    assertThat(e.getMessage())
                            .contains("http://auth.registry.invalid")
                            .contains("not sent");
                });
    }
}
