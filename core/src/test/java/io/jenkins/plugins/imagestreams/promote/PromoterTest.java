package io.jenkins.plugins.imagestreams.promote;

import static io.jenkins.plugins.imagestreams.promote.Environments.DEV_LATEST;
import static io.jenkins.plugins.imagestreams.promote.Environments.PROD;
import static io.jenkins.plugins.imagestreams.promote.Environments.PROD_LATEST;
import static io.jenkins.plugins.imagestreams.promote.Environments.STAGING;
import static io.jenkins.plugins.imagestreams.promote.Environments.STAGING_LATEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.AccessLog;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Promotion dev → staging → prod on one real registry, workloads on fabric8's CRUD mock server. */
public class PromoterTest {
    private static final AtomicInteger TEST = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().accessLog().build();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    private final RegistryClient client = RegistryClient.builder().build();
    private final AccessLog log = new AccessLog(REGISTRY);
    private final List<StreamName> changed = new CopyOnWriteArrayList<>();
    private ExecutorService executor;
    private Path storeRoot;
    private Environments env;
    private Promoter promoter;

    @Before
    public void setUp() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        storeRoot = tmp.newFolder("store").toPath();
        JsonFileStore store = new JsonFileStore(storeRoot);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        env = new Environments(REGISTRY, REGISTRY, "t" + TEST.incrementAndGet(), store, client, clock);
        promoter = promoter(new KubernetesDeployer(new WorkloadUpdater(kubernetes.client())));
    }

    private Promoter promoter(WorkloadDeployer deployer) {
        return new Promoter(
                env.store,
                new ImageCopier(client, executor, 4),
                deployer,
                Clock.fixed(NOW, ZoneOffset.UTC),
                changed::add);
    }

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    private OciLayout image(String content) throws Exception {
        return TestImages.image(tmp.newFolder().toPath(), content);
    }

    private ImageStream stored(StreamName name) {
        return env.store.load(name).orElseThrow().value();
    }

    private String repo(String namespace) {
        return env.repository(REGISTRY, namespace).name();
    }

    /** Requests of any method to {@code repository} since the mark. */
    private int requestsTo(String repository) {
        String path = "/v2/" + repository.substring(repository.indexOf('/') + 1) + "/.*";
        return List.of("HEAD", "GET", "PUT", "POST", "PATCH", "DELETE").stream()
                .mapToInt(m -> log.count(m, path))
                .sum();
    }

    @Test
    public void promotionWithinOneRegistryMountsEveryBlobKeepsTheDigestAndPinsTheTarget() throws Exception {
        Digest v1 = env.build(image("v1"));
        log.mark();

        PromotionRecord record = promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("alice"));

        assertThat(record.outcome()).isEqualTo(PromotionRecord.Outcome.PROMOTED);
        assertThat(record.image()).isEqualTo(v1);
        assertThat(record.copied()).isTrue();
        assertThat(record.dockerImageReference()).isEqualTo(repo("app-staging") + "@" + v1);
        assertThat(log.mounts()).isEqualTo(2);
        assertThat(log.blobWrites()).isZero();
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, env.prefix + "/app-staging/myapp:latest")))
                .isEqualTo(v1);
        TagEvent head = stored(STAGING).currentImage("latest").orElseThrow();
        assertThat(head.image()).isEqualTo(v1);
        assertThat(head.dockerImageReference()).isEqualTo(repo("app-staging") + "@" + v1);
        assertThat(head.cause()).isEqualTo("promoted from app-dev/myapp:latest by alice");
        assertThat(stored(STAGING).specTag("latest").orElseThrow().from())
                .contains(new TagSource.ImageStreamImage(Environments.DEV, v1.toString()));
        assertThat(stored(STAGING).history("latest").promotions()).containsExactly(record);
        assertThat(changed).contains(STAGING);
    }

    @Test
    public void gateRefusesWhatStagingNeverHadAndChangesNothing() throws Exception {
        Digest v1 = env.build(image("gate v1"));
        promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));
        Digest v2 = env.build(image("gate v2"));
        Map<String, String> before = Environments.snapshot(storeRoot);
        log.mark();

        assertThatThrownBy(() -> promoter.promote(DEV_LATEST, PROD_LATEST, PromotionOptions.by("mallory")))
                .isInstanceOfSatisfying(PromotionRefusedException.class, e -> {
                    assertThat(e.gate())
                            .isEqualTo(new Gate.RequireFrom(STAGING_LATEST, "the target tag's requireFrom"));
                    assertThat(e.gate().origin()).isEqualTo("the target tag's requireFrom");
                    assertThat(e.image()).isEqualTo(v2);
                    assertThat(e.upstreamImages()).containsExactly(v1);
                    assertThat(e.record()).isEmpty();
                })
                .hasMessageContaining(v2.toString())
                .hasMessageContaining("app-staging/myapp:latest never had")
                .hasMessageContaining("its history holds [" + v1 + "]")
                .hasMessageContaining("Promote the image into app-staging/myapp:latest first");

        assertThat(Environments.snapshot(storeRoot)).isEqualTo(before);
        assertThat(requestsTo(repo("app-prod"))).isZero();
        assertThat(log.mounts() + log.blobWrites()).isZero();
    }

    @Test
    public void gateAllowsWhatStagingHadAndTheCallCanAddAGate() throws Exception {
        Digest v1 = env.build(image("allow v1"));
        promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));

        PromotionRecord prod = promoter.promote(STAGING_LATEST, PROD_LATEST, PromotionOptions.by("release-manager"));

        assertThat(prod.image()).isEqualTo(v1);
        assertThat(stored(PROD).pullSpec("latest")).contains(repo("app-prod") + "@" + v1);
        assertThat(stored(PROD).specTag("latest").orElseThrow().requireFrom()).contains(STAGING_LATEST);

        env.build(image("allow v2"));
        TagSource.ImageStreamTag qa = new TagSource.ImageStreamTag(StreamName.of("app-qa", "myapp"), "latest");
        assertThatThrownBy(() -> promoter.promote(
                        DEV_LATEST, qa, PromotionOptions.by("bob").withRequireFrom(STAGING_LATEST)))
                .isInstanceOfSatisfying(
                        PromotionRefusedException.class,
                        e -> assertThat(e.gate().origin()).isEqualTo("this promotion's requireFrom"));
        assertThat(env.store.load(qa.stream())).isEmpty();
        assertThat(promoter.promote(DEV_LATEST, qa, PromotionOptions.by("bob")).copied())
                .as("a stream without repository is tagged with the source's pull spec")
                .isFalse();
    }

    @Test
    public void rollbackOfStagingThenPromotionToProdShipsTheOlderImage() throws Exception {
        Digest v1 = env.build(image("rollback v1"));
        promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));
        Digest v2 = env.build(image("rollback v2"));
        promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));
        promoter.promote(STAGING_LATEST, PROD_LATEST, PromotionOptions.by("ops"));

        new Tagger(env.store, Clock.fixed(NOW, ZoneOffset.UTC)).rollback(STAGING, "latest", v1.toString());
        PromotionRecord back = promoter.promote(STAGING_LATEST, PROD_LATEST, PromotionOptions.by("ops"));

        assertThat(back.image()).isEqualTo(v1);
        assertThat(back.previousImage()).contains(v2);
        assertThat(stored(PROD).history("latest").items())
                .extracting(TagEvent::image)
                .containsExactly(v1, v2);
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, env.prefix + "/app-prod/myapp:latest")))
                .isEqualTo(v1);
        assertThat(stored(PROD).history("latest").promotions())
                .extracting(PromotionRecord::image)
                .containsExactly(v1, v2);
    }

    @Test
    public void dryRunReportsTheCopyTheTagMoveAndTheWorkloadsAndChangesNothing() throws Exception {
        Digest v1 = env.build(image("dry v1"));
        promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));
        Digest v2 = env.build(image("dry v2"));
        kubernetes.client().resource(web()).create();
        Map<String, String> before = Environments.snapshot(storeRoot);
        kubernetes.takeRequests();
        log.mark();

        PromotionPlan plan = promoter.plan(
                DEV_LATEST,
                STAGING_LATEST,
                PromotionOptions.by("alice")
                        .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-staging/web"))));

        assertThat(plan.image()).isEqualTo(v2);
        assertThat(plan.previousImage()).contains(v1);
        assertThat(plan.movesTag()).isTrue();
        assertThat(plan.copyTo()).map(Object::toString).contains(repo("app-staging") + ":latest");
        assertThat(plan.targetPullSpec()).isEqualTo(repo("app-staging") + "@" + v2);
        assertThat(plan.describe())
                .containsExactly(
                        "copy " + repo("ci") + "@" + v2 + " to " + repo("app-staging") + ":latest",
                        "move app-staging/myapp:latest from " + v1 + " to " + v2 + " (" + repo("app-staging") + "@" + v2
                                + ")",
                        "set deployment/app-staging/web to " + repo("app-staging") + "@" + v2);
        assertThat(Environments.snapshot(storeRoot)).isEqualTo(before);
        assertThat(requestsTo(repo("app-staging"))).isZero();
        assertThat(kubernetes.takeRequests()).isEmpty();
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, env.prefix + "/app-staging/myapp:latest")))
                .isEqualTo(v1);
    }

    private Deployment web() {
        return TestWorkloads.deployment(
                "app-staging",
                "web",
                Map.of("app", "web"),
                TestWorkloads.podSpec(
                        List.of(), List.of(TestWorkloads.container("app", repo("app-staging") + ":1.0"))));
    }

    @Test
    public void targetWorkloadsAreSetToTheRepositoryAtDigestAndRecorded() throws Exception {
        Digest v1 = env.build(image("workloads v1"));
        kubernetes.client().resource(web()).create();

        PromotionRecord record = promoter.promote(
                DEV_LATEST,
                STAGING_LATEST,
                PromotionOptions.by("alice")
                        .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-staging/web"))));

        String pinned = repo("app-staging") + "@" + v1;
        Deployment web = kubernetes
                .client()
                .apps()
                .deployments()
                .inNamespace("app-staging")
                .withName("web")
                .get();
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(pinned);
        assertThat(record.workloads()).singleElement().satisfies(w -> {
            assertThat(w.outcome()).isEqualTo(WorkloadResult.Outcome.UPDATED);
            assertThat(w.image()).isEqualTo(pinned);
            assertThat(w.previousImages()).containsEntry("app", repo("app-staging") + ":1.0");
        });
        assertThat(stored(STAGING).history("latest").promotions()).containsExactly(record);

        PromotionRecord missing = promoter.promote(
                DEV_LATEST,
                STAGING_LATEST,
                PromotionOptions.by("alice")
                        .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-staging/api"))));
        assertThat(missing.outcome()).isEqualTo(PromotionRecord.Outcome.WORKLOADS_FAILED);
        assertThat(missing.message()).contains("api");
        assertThat(stored(STAGING).history("latest").promotions()).containsExactly(missing, record);
    }

    @Test
    public void concurrentPromotionsIntoOneTargetRunOneAfterTheOtherAndBothAreRecorded() throws Exception {
        Digest v1 = env.build(image("race v1"));
        TagSource.ImageStreamTag hotfix = new TagSource.ImageStreamTag(StreamName.of("app-hotfix", "myapp"), "latest");
        new Tagger(env.store, Clock.fixed(NOW, ZoneOffset.UTC)).tag(DEV_LATEST, hotfix.stream(), "latest", "hotfix");
        Digest v2 = env.build(image("race v2"));
        List<String> steps = new CopyOnWriteArrayList<>();
        WorkloadDeployer slow = (targets, image, wait) -> {
            steps.add("deploy " + image.digest().orElseThrow());
            Thread.sleep(300);
            steps.add("deployed " + image.digest().orElseThrow());
            return List.of();
        };
        CopyListener copies = new CopyListener() {
            @Override
            public void started(int blobs, long bytes) {
                steps.add("copy");
            }
        };
        PromotionOptions options = PromotionOptions.by("racer")
                .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-staging/web")))
                .withCopyOptions(CopyOptions.defaults().withListener(copies));
        Promoter racing = promoter(slow);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<PromotionRecord> a = two.submit(() -> {
                go.await();
                return racing.promote(hotfix, STAGING_LATEST, options);
            });
            Future<PromotionRecord> b = two.submit(() -> {
                go.await();
                return racing.promote(DEV_LATEST, STAGING_LATEST, options);
            });
            go.countDown();
            a.get();
            b.get();
        } finally {
            two.shutdownNow();
        }

        String first = steps.get(1).substring("deploy ".length());
        String second = steps.get(4).substring("deploy ".length());
        assertThat(steps)
                .containsExactly(
                        "copy",
                        "deploy " + first,
                        "deployed " + first,
                        "copy",
                        "deploy " + second,
                        "deployed " + second);
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(v1.toString(), v2.toString());
        ImageStream staging = stored(STAGING);
        assertThat(staging.currentImage("latest").orElseThrow().image().toString())
                .isEqualTo(second);
        assertThat(staging.history("latest").items())
                .extracting(e -> e.image().toString())
                .containsExactly(second, first);
        assertThat(staging.history("latest").promotions())
                .extracting(r -> r.image().toString())
                .containsExactly(second, first);
        assertThat(Skopeo.inspectDigest(REGISTRY, env.prefix + "/app-staging/myapp:latest"))
                .isEqualTo(second);
    }
}
