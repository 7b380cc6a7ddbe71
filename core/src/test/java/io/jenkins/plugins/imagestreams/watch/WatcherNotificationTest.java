package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A watcher whose receiver gets the notifications of the real registry (docker-registry 2.8.2 on loopback), with
 * polling once an hour: every change seen within seconds came from a notification.
 */
public class WatcherNotificationTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private WatchHarness harness;
    private RegistryFixture registry;

    @Before
    public void startWatcherThenRegistry() throws Exception {
        harness = new WatchHarness(tmp.newFolder("store").toPath(), WatchHarness.hourly(), true);
        harness.watcher.start();
        registry = RegistryFixture.builder()
                .notifications(harness.endpoint())
                .build()
                .start();
    }

    @After
    public void stop() throws Exception {
        registry.close();
        harness.close();
    }

    private Digest push(String content, String repoAndTag) throws Exception {
        return Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), content), registry, repoAndTag));
    }

    /**
     * Defines a stream tag following {@code repoAndTag} (its first import finds nothing), pushes {@code content} and
     * waits for the event of the import the push notification caused.
     */
    private StreamName watched(String stream, String repoAndTag, String content) throws Exception {
        StreamName name =
                harness.define(stream, Map.of("latest", ImageReference.parse(registry.reference(repoAndTag))));
        Digest first = push(content, repoAndTag);
        harness.awaitEvent(name, "latest", first, SOON);
        harness.awaitImported(name, "latest", first, SOON);
        return name;
    }

    @Test
    public void pushChangesTheTagAndDeliversItsEventOnceWithoutWaitingForTheScheduler() throws Exception {
        StreamName app = watched("app", "demo/app:1", "v1");
        Digest v1 = harness.history(app, "latest").get(0);

        Digest v2 = push("v2", "demo/app:1");
        Duration took = harness.awaitEvent(app, "latest", v2, SOON);

        assertThat(took).as("far below the one-hour interval").isLessThan(SOON);
        assertThat(harness.history(app, "latest")).containsExactly(v2, v1);
        Thread.sleep(1000);
        assertThat(harness.events(app, "latest")).extracting(e -> e.newDigest()).containsExactly(v1, v2);
        assertThat(harness.events(app, "latest").get(1).oldDigest()).contains(v1);
        assertThat(harness.problems).isEmpty();
    }

    @Test
    public void pullsAndHeadsCauseNoImport() throws Exception {
        StreamName app = watched("app", "demo/app:1", "v1");
        StreamName sentinel = watched("sentinel", "demo/sentinel:1", "s1");
        int before = harness.imports(app, "latest");

        RegistryClient client = RegistryClient.builder().build();
        client.resolve(ImageReference.parse(registry.reference("demo/app:1")));
        client.getManifest(ImageReference.parse(registry.reference("demo/app:1")));
        assertThat(Skopeo.rawManifest(registry, "demo/app:1")).isNotEmpty();
        Digest s2 = push("s2", "demo/sentinel:1");
        harness.awaitEvent(sentinel, "latest", s2, SOON);
        Thread.sleep(300);

        assertThat(harness.imports(app, "latest"))
                .as("the notifications before the sentinel's push caused no import of demo/app")
                .isEqualTo(before);
    }

    @Test
    public void pushToAnUnknownRepositoryImportsNothing() throws Exception {
        StreamName sentinel = watched("sentinel", "demo/sentinel:1", "s1");
        int before = harness.totalImports();

        push("elsewhere", "nobody/watches:1");
        push("other tag", "demo/sentinel:2");
        Digest s2 = push("s2", "demo/sentinel:1");
        harness.awaitEvent(sentinel, "latest", s2, SOON);
        Thread.sleep(300);

        assertThat(harness.totalImports())
                .as("only the sentinel's own push imported")
                .isEqualTo(before + 1);
        assertThat(harness.store.list()).containsExactly(sentinel);
    }

    @Test
    public void pushImportsMatchingTagsOfTwoStreamsAndAnAliasInAThirdFollows() throws Exception {
        StreamName one = harness.define("one", Map.of("a", ImageReference.parse(registry.reference("shared/base:1"))));
        StreamName two =
                harness.define("team/two", Map.of("b", ImageReference.parse(registry.reference("shared/base:1"))));
        StreamName three = harness.define(ImageStream.create(
                StreamName.parse("three"),
                ImageStreamSpec.empty().withTag(TagSpec.aliasOf("follow", new TagSource.ImageStreamTag(one, "a")))));
        Digest v1 = push("base v1", "shared/base:1");
        harness.awaitEvent(one, "a", v1, SOON);
        harness.awaitEvent(two, "b", v1, SOON);
        harness.awaitEvent(three, "follow", v1, SOON);

        Digest v2 = push("base v2", "shared/base:1");

        harness.awaitEvent(one, "a", v2, SOON);
        harness.awaitEvent(two, "b", v2, SOON);
        harness.awaitEvent(three, "follow", v2, SOON);
        assertThat(harness.history(two, "b")).containsExactly(v2, v1);
        assertThat(harness.history(three, "follow")).containsExactly(v2, v1);
    }

    @Test
    public void digestInAForgedNotificationIsNotTrusted() throws Exception {
        StreamName app = watched("app", "demo/app:1", "v1");
        Digest v1 = harness.history(app, "latest").get(0);
        Digest elsewhere = push("other image", "demo/app:other");
        int before = harness.imports(app, "latest");

        HttpResponse<String> response = post(envelope("demo/app", "1", elsewhere));

        assertThat(response.statusCode()).isEqualTo(202);
        WatchHarness.await(() -> harness.imports(app, "latest") > before, SOON, "the import the notification asked");
        assertThat(harness.results.get(harness.results.size() - 1).result()).isInstanceOf(ImportResult.Unchanged.class);
        assertThat(harness.history(app, "latest")).containsExactly(v1);
        assertThat(harness.events(app, "latest")).hasSize(1);
    }

    @Test
    public void burstOfTwentyNotificationsForOneTagImportsAtMostTwice() throws Exception {
        StreamName app = watched("app", "demo/app:1", "v1");
        Digest v2 = push("v2", "demo/app:1");
        harness.awaitEvent(app, "latest", v2, SOON);
        Thread.sleep(300);
        int before = harness.imports(app, "latest");

        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(http.sendAsync(request(envelope("demo/app", "1", v2)), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> sent : burst) {
            assertThat(sent.get().statusCode()).isEqualTo(202);
        }
        WatchHarness.await(() -> harness.imports(app, "latest") > before, SOON, "an import for the burst");
        Thread.sleep(1000);

        assertThat(harness.imports(app, "latest") - before).isBetween(1, 2);
        assertThat(harness.events(app, "latest")).hasSize(2);
    }

    private String envelope(String repository, String tag, Digest digest) {
        return "{\"events\":[{\"id\":\"forged\",\"timestamp\":\"2026-06-01T00:00:00Z\",\"action\":\"push\","
                + "\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1,"
                + "\"digest\":\"" + digest + "\",\"repository\":\"" + repository + "\",\"tag\":\"" + tag + "\"},"
                + "\"request\":{\"host\":\"" + registry.host() + "\",\"method\":\"PUT\"}}]}";
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(harness.endpoint())
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(request(body), HttpResponse.BodyHandlers.ofString());
    }
}
