package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.RepositoryImport;
import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.ObservedStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The importer against a real registry on loopback, images pushed with skopeo. */
public class ImporterTest {
    static final RetryPolicy FAST =
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50));

    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().accessLog().build();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final List<ImageChanged> events = new ArrayList<>();
    private StreamStore store;
    private EventDispatcher dispatcher;
    private Importer importer;

    @Before
    public void setUp() throws IOException {
        store = new JsonFileStore(tmp.newFolder("store").toPath());
        dispatcher = new EventDispatcher(store, (m, e) -> {
            throw new AssertionError(m, e);
        });
        dispatcher.addListener(new AliasFollower(store, clock, dispatcher::deliverPending));
        dispatcher.addListener(new ImageChangeListener() {
            @Override
            public String id() {
                return "recorder";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                events.add(event);
            }
        });
        RegistryClient client = RegistryClient.builder().retryPolicy(FAST).build();
        importer = new Importer(client, store, clock, dispatcher::deliverPending);
    }

    /** The statuses the registry logged for this client's HEADs of a manifest, oldest first, once {@code n} are. */
    private static List<Integer> headStatuses(String repository, String tag, int n) throws InterruptedException {
        Pattern line = Pattern.compile("\"HEAD /v2/" + Pattern.quote(repository) + "/manifests/" + Pattern.quote(tag)
                + " HTTP/1.1\" (\\d{3}) \\d+ \"[^\"]*\" \"image-streams\"");
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Integer> statuses = new ArrayList<>();
        do {
            statuses.clear();
            Matcher m = line.matcher(REGISTRY.log());
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            if (statuses.size() < n) {
                Thread.sleep(20);
            }
        } while (statuses.size() < n && System.nanoTime() < deadline);
        return statuses;
    }

    private OciLayout push(String content, String repoAndTag) throws IOException {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), content);
        Skopeo.push(image, REGISTRY, repoAndTag);
        return image;
    }

    private StreamName create(String stream, TagSpec... tags) {
        StreamName name = StreamName.parse(stream);
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (TagSpec tag : tags) {
            spec = spec.withTag(tag);
        }
        store.save(ImageStream.create(name, spec), StreamStore.NEW);
        return name;
    }

    private TagSpec tracking(String tag, String repoAndTag) {
        return TagSpec.of(tag, new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference(repoAndTag))));
    }

    private ImageStream load(StreamName name) {
        return store.load(name).orElseThrow().value();
    }

    private List<Digest> history(StreamName name, String tag) {
        return load(name).history(tag).items().stream().map(TagEvent::image).toList();
    }

    @Test
    public void reImportNamesTheCurrentImageSoTheRegistryAnswersNotModifiedUntilTheTagMoves() throws Exception {
        OciLayout v1 = push("etag v1", "etag/app:1");
        StreamName name = create("etag", tracking("latest", "etag/app:1"));

        assertThat(importer.importTag(name, "latest")).isInstanceOf(ImportResult.Changed.class);
        assertThat(importer.importTag(name, "latest")).isInstanceOf(ImportResult.Unchanged.class);
        assertThat(importer.importTag(name, "latest")).isInstanceOf(ImportResult.Unchanged.class);
        OciLayout v2 = push("etag v2", "etag/app:1");
        assertThat(importer.importTag(name, "latest")).isInstanceOf(ImportResult.Changed.class);

        assertThat(history(name, "latest")).containsExactly(Digest.parse(v2.digest()), Digest.parse(v1.digest()));
        assertThat(headStatuses("etag/app", "1", 4)).containsExactly(200, 304, 304, 200);
    }

    @Test
    public void anImportThatFindsTheImageRecordedByAnotherWriterMeanwhileIsUnchanged() throws Exception {
        OciLayout v1 = push("raced import", "imp/raced:1");
        StreamName app = create("raced", tracking("latest", "imp/raced:1"));
        Digest digest = Digest.parse(v1.digest());
        String pullSpec = REGISTRY.host() + "/imp/raced@" + digest;
        boolean[] done = {false};
        StreamStore racing = new ObservedStore(store, version -> {
            if (!done[0]) {
                done[0] = true;
                new StreamUpdater(store)
                        .update(app, s -> s.recordImport("latest", digest, pullSpec, clock.instant(), "other"));
            }
        });
        Importer raced = new Importer(
                RegistryClient.builder().retryPolicy(FAST).build(), racing, clock, dispatcher::deliverPending);

        assertThat(raced.importTag(app, "latest")).isInstanceOf(ImportResult.Unchanged.class);
        assertThat(history(app, "latest")).containsExactly(digest);
    }

    @Test
    public void firstImportRecordsThePinnedDigestAndFiresOneEvent() throws Exception {
        OciLayout v1 = push("first import", "imp/first:1");
        StreamName app = create("first", tracking("latest", "imp/first:1"));

        ImportResult result = importer.importTag(app, "latest");

        assertThat(result).isInstanceOfSatisfying(ImportResult.Changed.class, c -> {
            assertThat(c.previous()).isEmpty();
            assertThat(c.current().image()).isEqualTo(Digest.parse(v1.digest()));
        });
        TagEvent head = load(app).currentImage("latest").orElseThrow();
        assertThat(head.dockerImageReference()).isEqualTo(REGISTRY.host() + "/imp/first@" + v1.digest());
        assertThat(head.created()).isEqualTo(clock.instant());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.newDigest()).isEqualTo(Digest.parse(v1.digest()));
            assertThat(e.dockerImageReference()).isEqualTo(head.dockerImageReference());
        });
    }

    @Test
    public void reimportOfUnchangedDigestAddsNoHistoryAndWritesNothing() throws Exception {
        push("unchanged", "imp/same:1");
        StreamName app = create("same", tracking("latest", "imp/same:1"));
        importer.importTag(app, "latest");
        long version = store.load(app).orElseThrow().version();

        clock.advance(Duration.ofMinutes(5));
        ImportResult again = importer.importTag(app, "latest");

        assertThat(again).isInstanceOf(ImportResult.Unchanged.class);
        assertThat(store.load(app).orElseThrow().version()).isEqualTo(version);
        assertThat(load(app).history("latest").items()).hasSize(1);
        assertThat(events).hasSize(1);
    }

    @Test
    public void overwrittenTagAddsOneEntryAndAbaGivesThreeEntries() throws Exception {
        OciLayout a = push("aba A", "imp/aba:1");
        StreamName app = create("aba", tracking("latest", "imp/aba:1"));
        importer.importTag(app, "latest");
        OciLayout b = push("aba B", "imp/aba:1");

        ImportResult moved = importer.importTag(app, "latest");
        assertThat(moved).isInstanceOfSatisfying(ImportResult.Changed.class, c -> assertThat(
                        c.previous().orElseThrow().image())
                .isEqualTo(Digest.parse(a.digest())));
        assertThat(history(app, "latest")).containsExactly(Digest.parse(b.digest()), Digest.parse(a.digest()));

        Skopeo.push(a, REGISTRY, "imp/aba:1");
        importer.importTag(app, "latest");
        assertThat(history(app, "latest"))
                .containsExactly(Digest.parse(a.digest()), Digest.parse(b.digest()), Digest.parse(a.digest()));
        assertThat(events)
                .extracting(ImageChanged::newDigest)
                .containsExactly(Digest.parse(a.digest()), Digest.parse(b.digest()), Digest.parse(a.digest()));
    }

    @Test
    public void aliasesFollowWithinAndAcrossStreamsButPinnedTagsStay() throws Exception {
        OciLayout a = push("alias A", "imp/alias:1");
        StreamName dev = create(
                "dev/web",
                tracking("latest", "imp/alias:1"),
                TagSpec.aliasOf("stable", TagSource.ImageStreamTag.parse("dev/web:latest", "dev")),
                TagSpec.of(
                        "pinned",
                        new TagSource.DockerImage(
                                ImageReference.parse(REGISTRY.reference("imp/alias@" + a.digest())))));
        StreamName prod =
                create("prod/web", TagSpec.aliasOf("live", TagSource.ImageStreamTag.parse("dev/web:stable", "prod")));
        importer.importTag(dev, "latest");
        importer.importTag(dev, "pinned");
        OciLayout b = push("alias B", "imp/alias:1");

        importer.importTag(dev, "latest");
        importer.importTag(dev, "pinned");

        assertThat(history(dev, "latest")).containsExactly(Digest.parse(b.digest()), Digest.parse(a.digest()));
        assertThat(history(dev, "stable")).containsExactly(Digest.parse(b.digest()), Digest.parse(a.digest()));
        assertThat(history(prod, "live")).containsExactly(Digest.parse(b.digest()), Digest.parse(a.digest()));
        assertThat(history(dev, "pinned")).containsExactly(Digest.parse(a.digest()));
        assertThat(load(prod).currentImage("live").orElseThrow().cause()).isEqualTo("alias of dev/web:stable");
    }

    @Test
    public void preserveOriginalTracksTheIndexAndLegacyOnePlatform() throws Exception {
        OciLayout index = TestImages.index(tmp.newFolder().toPath(), "multi", "linux/amd64", "linux/arm64");
        Skopeo.push(index, REGISTRY, "imp/multi:1");
        List<Descriptor> children = RegistryClient.builder()
                .build()
                .getManifest(ImageReference.parse(REGISTRY.reference("imp/multi:1")))
                .children();
        Digest amd64 = children.stream()
                .filter(d -> d.platform().orElseThrow().architecture().equals("amd64"))
                .findFirst()
                .orElseThrow()
                .digest();
        Digest arm64 = children.stream()
                .filter(d -> d.platform().orElseThrow().architecture().equals("arm64"))
                .findFirst()
                .orElseThrow()
                .digest();
        ImportPolicy legacy = ImportPolicy.DEFAULT.withImportMode(ImportMode.LEGACY);
        StreamName app = create(
                "multi",
                tracking("whole", "imp/multi:1"),
                tracking("amd", "imp/multi:1").withImportPolicy(legacy),
                tracking("arm", "imp/multi:1")
                        .withImportPolicy(legacy)
                        .withAnnotations(Map.of(TagSpec.PREFER_ARCH, "arm64")));

        for (String tag : List.of("whole", "amd", "arm")) {
            assertThat(importer.importTag(app, tag)).isInstanceOf(ImportResult.Changed.class);
        }

        assertThat(history(app, "whole")).containsExactly(Digest.parse(index.digest()));
        assertThat(history(app, "amd")).containsExactly(amd64);
        assertThat(history(app, "arm")).containsExactly(arm64);
        assertThat(load(app).currentImage("arm").orElseThrow().dockerImageReference())
                .isEqualTo(REGISTRY.host() + "/imp/multi@" + arm64);
    }

    @Test
    public void missingImageSetsNotFoundKeepsTheLastGoodImageAndRecoveryClearsIt() throws Exception {
        OciLayout a = push("recover A", "imp/recover:1");
        StreamName app = create("recover", tracking("latest", "imp/recover:1"), tracking("later", "imp/recover:2"));
        importer.importTag(app, "latest");
        ImageStream before = load(app);
        store.save(
                before.withTag(tracking("latest", "imp/recover:gone")),
                store.load(app).orElseThrow().version());

        ImportResult failed = importer.importTag(app, "latest");
        ImportResult failedNew = importer.importTag(app, "later");

        assertThat(failed).isInstanceOfSatisfying(ImportResult.Failed.class, f -> {
            assertThat(f.condition().type()).isEqualTo("ImportSuccess");
            assertThat(f.condition().status()).isEqualTo("False");
            assertThat(f.condition().reason()).isEqualTo(TagCondition.NOT_FOUND);
            assertThat(f.condition().message()).contains("imp/recover");
            assertThat(f.retryable()).isFalse();
        });
        assertThat(failedNew).isInstanceOf(ImportResult.Failed.class);
        assertThat(load(app).currentImage("latest").orElseThrow().image()).isEqualTo(Digest.parse(a.digest()));
        long version = store.load(app).orElseThrow().version();
        importer.importTag(app, "latest");
        assertThat(store.load(app).orElseThrow().version())
                .as("same failure again: no write")
                .isEqualTo(version);

        OciLayout later = push("recover later", "imp/recover:2");
        assertThat(importer.importTag(app, "later")).isInstanceOf(ImportResult.Changed.class);
        assertThat(load(app).history("later").conditions()).isEmpty();
        assertThat(history(app, "later")).containsExactly(Digest.parse(later.digest()));
        store.save(
                load(app).withTag(tracking("latest", "imp/recover:1")),
                store.load(app).orElseThrow().version());
        assertThat(importer.importTag(app, "latest")).isInstanceOf(ImportResult.Unchanged.class);
        assertThat(load(app).history("latest").conditions()).isEmpty();
        assertThat(history(app, "latest")).containsExactly(Digest.parse(a.digest()));
    }

    @Test
    public void tagPolicyImportsTheNewestMatchingVersion() throws Exception {
        push("v1.9.0", "imp/semver:1.9.0");
        OciLayout newest = push("v1.10.0", "imp/semver:1.10.0");
        push("v2.0.0", "imp/semver:2.0.0");
        push("rc", "imp/semver:1.11.0-rc1");
        StreamName app =
                create("semver", tracking("v1", "imp/semver:1.9.0").withTagPolicy(TagPolicy.of("semver", "^1", false)));

        importer.importTag(app, "v1");

        TagEvent head = load(app).currentImage("v1").orElseThrow();
        assertThat(head.image()).isEqualTo(Digest.parse(newest.digest()));
        assertThat(head.cause())
                .isEqualTo("import of " + ImageReference.parse(REGISTRY.reference("imp/semver:1.10.0")));
    }

    @Test
    public void tagPolicyWithoutMatchIsNotFound() throws Exception {
        push("nomatch", "imp/nomatch:latest");
        StreamName app = create(
                "nomatch", tracking("v", "imp/nomatch:latest").withTagPolicy(TagPolicy.of("semver", ">=1", false)));
        assertThat(importer.importTag(app, "v")).isInstanceOfSatisfying(ImportResult.Failed.class, f -> assertThat(
                        f.condition().message())
                .contains("matches the semver policy '>=1'"));
    }

    @Test
    public void nonImportableTagsAreRefusedWithAReason() {
        StreamName app =
                create("refuse", TagSpec.of("copy", TagSource.ImageStreamTag.parse("other:latest", "default")));
        assertThatThrownBy(() -> importer.importTag(app, "copy")).hasMessageContaining("cannot be imported");
        assertThatThrownBy(() -> importer.importTag(app, "nope")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> importer.importTag(StreamName.parse("ghost"), "x"))
                .hasMessageContaining("no image stream named default/ghost");
    }

    @Test
    public void wholeRepositoryImportReportsTagsBeyondTheLimit() throws Exception {
        for (String tag : List.of("latest", "1.0", "1.1", "1.1.5", "nightly")) {
            push("repo " + tag, "imp/repo:" + tag);
        }
        RepositoryImporter bulk =
                new RepositoryImporter(RegistryClient.builder().build(), store, importer);

        RepositoryImport result = bulk.importRepository(
                StreamName.parse("repo"),
                ImageReference.parse(REGISTRY.reference("imp/repo")),
                ImportPolicy.DEFAULT,
                3);

        assertThat(result.imported().keySet()).containsExactly("latest", "1.1", "1.0");
        assertThat(result.notImported()).containsExactly("1.1.5", "nightly");
        assertThat(result.summary())
                .contains("2 additional tags which were not imported")
                .contains("1.1.5, nightly");
        ImageStream stream = load(StreamName.parse("repo"));
        assertThat(stream.specTag("1.1").orElseThrow().from())
                .contains(new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("imp/repo:1.1"))));
        assertThat(stream.currentImage("1.0")).isPresent();
        assertThat(stream.specTag("nightly")).isEmpty();
        assertThat(Optional.of(result.failures())).contains(0L);
    }

    @Test
    public void wholeRepositoryImportAsksForEveryTagAtOnceAndSavesTheStreamOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            names.add("v" + i);
            push("bulk " + i, "imp/bulk:v" + i);
        }
        List<Long> saves = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamStore counting = new ObservedStore(store, saves::add);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RegistryClient client = RegistryClient.builder().retryPolicy(FAST).build();
        RepositoryImporter bulk =
                new RepositoryImporter(client, counting, new Importer(client, counting, clock, name -> {
                    threads.add(Thread.currentThread().getName());
                    dispatcher.deliverPending(name);
                }));

        RepositoryImport result = bulk.importRepository(
                StreamName.parse("bulk"),
                ImageReference.parse(REGISTRY.reference("imp/bulk")),
                ImportPolicy.DEFAULT,
                50);

        assertThat(result.imported()).hasSize(12).allSatisfy((tag, r) -> assertThat(r)
                .isInstanceOf(ImportResult.Changed.class));
        assertThat(saves)
                .as("the new stream, its spec tags and every outcome in one save")
                .hasSize(1);
        ImageStream stream = load(StreamName.parse("bulk"));
        for (String name : names) {
            assertThat(stream.currentImage(name)).as(name).isPresent();
        }
        assertThat(events).extracting(ImageChanged::tag).containsExactlyInAnyOrderElementsOf(names);
        assertThat(threads)
                .as("the change is announced once, on the caller's thread")
                .hasSize(1);

        push("bulk new", "imp/bulk:v12");
        saves.clear();
        RepositoryImport again = bulk.importRepository(
                StreamName.parse("bulk"),
                ImageReference.parse(REGISTRY.reference("imp/bulk")),
                ImportPolicy.DEFAULT,
                50);
        assertThat(again.imported().get("v12")).isInstanceOf(ImportResult.Changed.class);
        assertThat(again.imported()).allSatisfy((tag, r) -> assertThat(r)
                .isInstanceOf(tag.equals("v12") ? ImportResult.Changed.class : ImportResult.Unchanged.class));
        assertThat(saves)
                .as("a stream that exists: the new spec tag and its outcome in one save")
                .hasSize(1);
        assertThat(load(StreamName.parse("bulk")).specTag("v12")).isPresent();
    }

    @Test
    public void tagsImportedTogetherEndAsEachWouldAloneAFailureRecordedBesideTheSuccesses() throws Exception {
        push("together ok", "imp/together:ok");
        StreamName together = create(
                "together",
                TagSpec.of(
                        "ok", new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("imp/together:ok")))),
                TagSpec.of(
                        "gone",
                        new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("imp/together:gone")))));

        java.util.Map<String, ImportResult> results =
                importer.importTags(together, List.of("ok", "gone"), java.util.concurrent.ForkJoinPool.commonPool());

        assertThat(results.get("ok")).isInstanceOf(ImportResult.Changed.class);
        assertThat(results.get("gone")).isInstanceOfSatisfying(ImportResult.Failed.class, f -> assertThat(
                        f.condition().reason())
                .isEqualTo(TagCondition.NOT_FOUND));
        ImageStream stream = load(together);
        assertThat(stream.currentImage("ok")).isPresent();
        assertThat(stream.history("gone").importFailure()).isPresent();
        assertThat(importer.importTag(together, "ok")).isInstanceOf(ImportResult.Unchanged.class);
    }

    @Test
    public void wholeRepositoryImportKeepsTheGateAndWorkloadsOfTagsItUpdates() throws Exception {
        push("gated latest", "imp/gated:latest");
        TagSource.ImageStreamTag upstream = TagSource.ImageStreamTag.parse("app-staging/gated:latest", "default");
        WorkloadTarget web = WorkloadTarget.parse("deployment/app-prod/web:app");
        StreamName gated = create(
                "gated",
                TagSpec.of(
                                "latest",
                                new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("imp/gated:old"))))
                        .withRequireFrom(upstream)
                        .withWorkloads(List.of(web)));
        RepositoryImporter bulk =
                new RepositoryImporter(RegistryClient.builder().build(), store, importer);

        bulk.importRepository(gated, ImageReference.parse(REGISTRY.reference("imp/gated")), ImportPolicy.DEFAULT, 5);

        TagSpec latest = load(gated).specTag("latest").orElseThrow();
        assertThat(latest.from())
                .contains(new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("imp/gated:latest"))));
        assertThat(latest.requireFrom()).contains(upstream);
        assertThat(latest.workloads()).containsExactly(web);
    }
}
