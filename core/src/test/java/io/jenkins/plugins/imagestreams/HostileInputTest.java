package io.jenkins.plugins.imagestreams;

import static io.jenkins.plugins.imagestreams.RecordingServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.notify.NotificationReceiver;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.notify.TokenHash;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobStream;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile input, one table per category, each row with the answer it gets; each category prints a summary line
 * ({@code HOSTILE <category>: N rows, …}) for the benchmark results. Stream and tag names belong to the stream model
 * and are not here.
 */
public class HostileInputTest {
    private static final String HEX = "0c0361b1e9aca68d63409a44f643f0ccf67ddebde9299a163052a2b896ba299f";
    private static final String USER = "hostile-user";
    private static final String SECRET = "hostile-secret";
    private static final int FLOOD_REQUESTS = 5_000;
    private static final int FLOOD_THREADS = 32;

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    private static OciLayout image;

    @Rule
    public final FaultProxy proxy = FaultProxy.inFrontOf(REGISTRY);

    @BeforeClass
    public static void pushImage() throws Exception {
        image = TestImages.image(TMP.newFolder().toPath(), "hostile input");
        Skopeo.push(image, REGISTRY, "hostile/app:1");
    }

    private static RegistryClient client() {
        return RegistryClient.builder()
                .retryPolicy(RetryPolicy.none())
                .sleeper(d -> {})
                .requestTimeout(Duration.ofSeconds(10))
                .credentials(registry -> Optional.of(new Credentials(USER, SECRET)))
                .build();
    }

    @Test
    public void hostileReferencesAreRejectedByTheGrammar() {
        HostileRows rows = new HostileRows("references");
        String rejected = "rejected: InvalidReferenceException";
        String[][] table = {
            {"'..' as a repository component", "localhost:5000/../etc:1", rejected},
            {"'..' inside a repository path", "localhost:5000/a/../b", rejected},
            {"leading '/'", "/etc/passwd", rejected},
            {"empty component '//'", "localhost:5000//a", rejected},
            {"trailing '/'", "localhost:5000/a/", rejected},
            {"'/' in the tag", "localhost:5000/a:1/2", rejected},
            {"NUL in the repository", "localhost:5000/a\0b", rejected},
            {"NUL in the tag", "localhost:5000/a:1\0", rejected},
            {"NUL in the host", "local\0host:5000/a", rejected},
            {"10,000-character repository", "localhost:5000/" + "a".repeat(10_000), rejected},
            {"10,000-character tag", "localhost:5000/a:" + "t".repeat(10_000), rejected},
            {"10,000 characters in 5,000 components", "a" + ".a".repeat(4_999) + "/b", rejected},
            {"10,000-character host", "h".repeat(10_000) + ".io/a", rejected},
            {"uppercase repository", "localhost:5000/App", rejected},
            {"uppercase one-part name", "NGINX", rejected},
            {"uppercase host (kept as written)", "Registry.Example.COM/app", "accepted: Registry.Example.COM/app:latest"
            },
            {"non-ASCII repository", "localhost:5000/caf\u00e9:1", rejected},
            {"Cyrillic look-alike host", "r\u0435gistry.io/app", rejected},
            {"full-width port digits", "localhost:\uff15\uff10\uff10\uff10/app", rejected},
            {"non-ASCII tag", "localhost:5000/app:v\u0661", rejected},
            {"right-to-left override", "localhost:5000/app\u202e1:gnp", rejected},
            {"port above 65535", "localhost:99999/app", rejected},
            {"control characters", "localhost:5000/app\r\nX-Injected: 1", rejected},
            {"plain reference (control row)", "localhost:5000/a/b:1", "accepted: localhost:5000/a/b:1"},
        };
        for (String[] row : table) {
            rows.row(row[0], row[2], () -> ImageReference.parse(row[1]));
        }
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    @Test
    public void hostileDigestsAreRejectedByTheGrammar() {
        HostileRows rows = new HostileRows("digests");
        String rejected = "rejected: InvalidReferenceException";
        String[][] table = {
            {"'..' path as hex", "sha256:../../../../etc/passwd", rejected},
            {"'/' in the hex", "sha256:" + HEX.substring(0, 32) + "/" + HEX.substring(33), rejected},
            {"NUL in the hex", "sha256:" + HEX.substring(0, 63) + "\0", rejected},
            {"NUL after the hex", "sha256:" + HEX + "\0", rejected},
            {"10,000 hex characters", "sha256:" + "a".repeat(10_000), rejected},
            {"10,000-character algorithm", "s".repeat(10_000) + ":" + HEX, rejected},
            {"uppercase hex", "sha256:" + HEX.toUpperCase(java.util.Locale.ROOT), rejected},
            {"uppercase algorithm", "SHA256:" + HEX, rejected},
            {"full-width hex digits", "sha256:" + "\uff41".repeat(64), rejected},
            {"Arabic-Indic digits", "sha256:" + "\u0661".repeat(64), rejected},
            {"unregistered algorithm", "md5:" + HEX.substring(0, 32), rejected},
            {"encoded algorithm", "sha256+b64:" + HEX, rejected},
            {"digest as a reference part with '..'", "localhost:5000/a@sha256:..", rejected},
            {"plain digest (control row)", "sha256:" + HEX, "accepted: sha256:" + HEX},
        };
        for (String[] row : table) {
            if (row[1].startsWith("localhost")) {
                rows.row(row[0], row[2], () -> ImageReference.parse(row[1]));
            } else {
                rows.row(row[0], row[2], () -> Digest.parse(row[1]));
            }
        }
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    @Test
    public void manifestsOverTheCapAreTooLarge() {
        HostileRows rows = new HostileRows("oversize");
        RegistryClient client = client();
        ImageReference ref = ImageReference.parse(proxy.host() + "/hostile/app:1");
        long[] sizes = {4L * 1024 * 1024 + 1, 5L * 1024 * 1024, 64L * 1024 * 1024};
        for (long size : sizes) {
            proxy.clearRules();
            proxy.add(FaultRule.on("GET", "/v2/hostile/app/manifests/.+").inject(Fault.oversize(size)));
            rows.row(
                    "manifest body of " + size + " bytes",
                    "rejected: RegistryException TOO_LARGE",
                    () -> client.getManifest(ref));
        }
        proxy.clearRules();
        proxy.add(FaultRule.on("GET", "/v2/hostile/app/tags/list").inject(Fault.oversize(5L * 1024 * 1024)));
        rows.row("tag list of 5 MiB", "rejected: RegistryException TOO_LARGE", () -> client.listTags(ref));
        proxy.clearRules();
        proxy.add(FaultRule.on("GET", "/v2/hostile/app/manifests/.+").inject(Fault.oversize(5L * 1024 * 1024)));
        rows.row(
                "5 MiB error body for a missing tag",
                "rejected: RegistryException",
                () -> client.getManifest(ref.withTag("missing")));
        proxy.clearRules();
        rows.row(
                "the same manifest without a fault (control row)",
                "accepted: Manifest[",
                () -> client.getManifest(ref));
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    @Test
    public void aForgedContentDigestIsAMismatch() {
        HostileRows rows = new HostileRows("forged-digest");
        RegistryClient client = client();
        ImageReference byTag = ImageReference.parse(proxy.host() + "/hostile/app:1");
        ImageReference byDigest = byTag.withDigest(Digest.parse(image.digest()));
        Digest forged = Digest.sha256("not the manifest".getBytes(StandardCharsets.UTF_8));
        proxy.add(FaultRule.on("*", "/v2/hostile/app/manifests/.+").inject(Fault.rewriteDigest(forged.toString())));

        String mismatch = "rejected: RegistryException DIGEST_MISMATCH";
        rows.row("GET by tag, forged Docker-Content-Digest", mismatch, () -> client.getManifest(byTag));
        rows.row("GET by digest, forged Docker-Content-Digest", mismatch, () -> client.getManifest(byDigest));
        rows.row("HEAD by digest, forged Docker-Content-Digest", mismatch, () -> client.resolve(byDigest));
        String headAnswer = rows.row(
                "HEAD by tag, forged Docker-Content-Digest (nothing to hash)",
                "accepted: " + forged,
                () -> client.resolve(byTag));
        rows.row(
                "GET of the digest that HEAD answered",
                "rejected: RegistryException",
                () -> client.getManifest(byTag.withDigest(Digest.parse(headAnswer.substring("accepted: ".length())))));
        proxy.clearRules();
        rows.row(
                "GET by tag without a fault (control row)",
                "accepted: Manifest[" + image.digest(),
                () -> client.getManifest(byTag));
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    @Test
    public void tokenRealmsNeverGetCredentialsOverPlainHttpToAnotherHost() {
        HostileRows rows = new HostileRows("token-realm");
        byte[] token = "{\"token\":\"issued-by-loopback-realm\"}".getBytes(StandardCharsets.UTF_8);
        try (RecordingServer loopbackRealm = new RecordingServer(
                "127.0.0.2", ex -> respond(ex, 200, Map.of("Content-Type", "application/json"), token))) {
            String refused = "rejected: RegistryException INSECURE_REFUSED";
            String unusable = "rejected: RegistryException UNAUTHORIZED";
            String[][] table = {
                {"plain HTTP realm on a non-loopback host", "http://token.invalid/token", refused},
                {"plain HTTP realm with user info and port", "http://admin@token.invalid:8080/t", refused},
                {"ftp realm", "ftp://127.0.0.1/token", unusable},
                {"file realm", "file:///etc/passwd", unusable},
                {"realm without host", "http:///token", unusable},
                {"realm that is no URI", "http://[::1", unusable},
                {"plain HTTP realm on another loopback host", "http://" + loopbackRealm.authority() + "/token", unusable
                }
            };
            for (String[] row : table) {
                String challenge = "Bearer realm=\"" + row[1] + "\",service=\"hostile\"";
                try (RecordingServer registry = unauthorizedRegistry(challenge)) {
                    String answer = HostileRows.answer(
                            () -> client().resolve(ImageReference.parse(registry.authority() + "/app:1")));
                    boolean realmGotCredentials = loopbackRealm.sawAuthorization();
                    boolean loopback = row[1].contains(loopbackRealm.authority());
                    boolean registryGotOnlyIssuedToken = registry.seen().stream()
                            .allMatch(s -> s.authorization() == null
                                    || s.authorization().equals("Bearer issued-by-loopback-realm"));
                    rows.add(
                            row[0],
                            answer
                                    + (realmGotCredentials
                                            ? "; credentials sent to the realm"
                                            : "; no credentials sent"),
                            answer.startsWith(row[2]) && realmGotCredentials == loopback && registryGotOnlyIssuedToken);
                }
            }
        }
        try (RecordingServer registry = unauthorizedRegistry("Bearer service=\"no-realm\"")) {
            rows.row(
                    "bearer challenge without realm",
                    "rejected: RegistryException UNAUTHORIZED",
                    () -> client().resolve(ImageReference.parse(registry.authority() + "/app:1")));
        }
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    @Test
    public void blobRedirectsToAnotherHostCarryNoAuthorization() throws Exception {
        HostileRows rows = new HostileRows("blob-redirect");
        byte[] blob = "blob behind a redirect".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        try (RecordingServer otherHost = new RecordingServer("127.0.0.2", ex -> respond(ex, 200, Map.of(), blob));
                RecordingServer otherPort = new RecordingServer("127.0.0.1", ex -> respond(ex, 200, Map.of(), blob));
                RecordingServer wrongContent = new RecordingServer(
                        "127.0.0.2",
                        ex -> respond(ex, 200, Map.of(), "other bytes".getBytes(StandardCharsets.UTF_8)))) {
            String read = "accepted: " + blob.length + " bytes, digest verified";
            String[][] table = {
                {"to another host", "http://" + otherHost.authority() + "/cdn/blob", read},
                {"to another port of the same host", "http://" + otherPort.authority() + "/cdn/blob", read},
                {
                    "to another host serving other bytes",
                    "http://" + wrongContent.authority() + "/x",
                    "rejected: " + "DigestMismatchException"
                },
                {"to a file: URL", "file:///etc/passwd", "rejected: RegistryException UNKNOWN"},
                {"to an ftp: URL", "ftp://127.0.0.2/blob", "rejected: RegistryException UNKNOWN"},
                {"to a Location that is no URI", "http://[::1", "rejected: RegistryException UNKNOWN"},
                {"to itself, forever", "/v2/app/blobs/" + digest, "rejected: RegistryException UNKNOWN"},
            };
            for (String[] row : table) {
                try (RecordingServer registry = redirectingRegistry(row[1])) {
                    String answer = HostileRows.answer(() -> {
                        try (BlobStream in =
                                client().openBlob(ImageReference.parse(registry.authority() + "/app"), digest)) {
                            return in.readAllBytes().length + " bytes, digest verified";
                        }
                    });
                    boolean leaked = otherHost.sawAuthorization()
                            || otherPort.sawAuthorization()
                            || wrongContent.sawAuthorization();
                    boolean registryGotBasic = registry.seen().stream()
                            .anyMatch(s -> s.authorization() != null
                                    && s.authorization().startsWith("Basic "));
                    rows.add(
                            row[0],
                            answer + (leaked ? "; Authorization forwarded" : "; no Authorization forwarded"),
                            answer.startsWith(row[2]) && !leaked && registryGotBasic);
                }
            }
        }
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    /** A registry on 127.0.0.1 that asks for Basic credentials, then redirects every request to {@code location}. */
    private static RecordingServer redirectingRegistry(String location) {
        return new RecordingServer("127.0.0.1", ex -> {
            if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                respond(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"hostile\""), new byte[0]);
            } else {
                respond(ex, 307, Map.of("Location", location), new byte[0]);
            }
        });
    }

    @Test
    public void webhookFloodRequestDeliversEveryValidPushAndRejectsEveryInvalidOne() throws Exception {
        HostileRows rows = new HostileRows("webhook-flood");
        Queue<PushNotification> delivered = new ConcurrentLinkedQueue<>();
        ExecutorService listener = Executors.newSingleThreadExecutor();
        ExecutorService exchanges = Executors.newFixedThreadPool(4);
        ExecutorService senders = Executors.newFixedThreadPool(FLOOD_THREADS);
        NotificationHandler handler = new NotificationHandler(
                Map.of(
                        NotificationSource.DISTRIBUTION,
                        NotificationAuthenticator.bearerToken(TokenHash.of(FloodRequest.TOKEN))),
                delivered::addAll,
                listener);
        long heapBefore = usedHeapAfterGc();
        Map<FloodRequest, List<Integer>> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (NotificationReceiver receiver =
                NotificationReceiver.start(new InetSocketAddress("127.0.0.1", 0), handler, exchanges)) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < FLOOD_REQUESTS; i++) {
                int n = i;
                FloodRequest kind = FloodRequest.of(n);
                sent.add(senders.submit(() -> {
                    HttpResponse<Void> response =
                            http.send(kind.request(receiver.baseUri(), n), HttpResponse.BodyHandlers.discarding());
                    statuses.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>())
                            .add(response.statusCode());
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
            exchanges.shutdownNow();
            listener.shutdown();
            assertThat(listener.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        for (FloodRequest kind : FloodRequest.values()) {
            List<Integer> got = statuses.getOrDefault(kind, List.of());
            long asExpected = got.stream().filter(s -> s == kind.status).count();
            rows.add(
                    kind.label + " x " + got.size(),
                    (kind.status == 202 ? "accepted: " : "rejected: ") + "HTTP " + kind.status + " x " + asExpected,
                    asExpected == got.size() && !got.isEmpty());
        }
        long valid = statuses.getOrDefault(FloodRequest.VALID, List.of()).size();
        Set<String> tags = new HashSet<>();
        delivered.forEach(push -> tags.add(push.tag().orElse("")));
        rows.add(
                "valid pushes delivered to the listener",
                "accepted: " + delivered.size() + " pushes, " + tags.size() + " distinct tags",
                delivered.size() == valid && tags.size() == valid);
        long retainedMiB = (usedHeapAfterGc() - heapBefore) / (1024 * 1024);
        rows.add("heap retained after the flood", "accepted: " + retainedMiB + " MiB", retainedMiB < 64);
        System.out.printf(
                "HOSTILE webhook-flood: %d requests from %d threads in %d ms: %d valid delivered, %d invalid"
                        + " rejected%n",
                FLOOD_REQUESTS, FLOOD_THREADS, millis, delivered.size(), FLOOD_REQUESTS - valid);
        System.out.println(rows.summary());
        assertThat(rows.unexpected()).isEmpty();
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A registry on 127.0.0.1 that answers every request 401 with {@code challenge}. */
    private static RecordingServer unauthorizedRegistry(String challenge) {
        byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        return new RecordingServer(
                "127.0.0.1",
                ex -> respond(
                        ex, 401, Map.of("WWW-Authenticate", challenge, "Content-Type", "application/json"), body));
    }
}
