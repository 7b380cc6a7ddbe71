package io.jenkins.plugins.imagestreams.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.promote.Tagger;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.WorkloadUpdateRecord;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Tags listing workloads keep them in step, against fabric8's CRUD mock server. */
public class WorkloadTriggerTest {
    private static final StreamName APP = StreamName.of("app-prod", "myapp");
    private static final String SOURCE = "127.0.0.1:5000/ci/myapp";
    private static final String OWN = "127.0.0.1:5000/app-prod/myapp";
    private static final Digest A = Digest.sha256("a".getBytes());
    private static final Digest B = Digest.sha256("b".getBytes());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    private final List<String> problems = new ArrayList<>();
    private StreamStore store;
    private WorkloadDeployer deployer;
    private EventDispatcher dispatcher;

    @Before
    public void setUp() throws Exception {
        store = new JsonFileStore(tmp.newFolder("store").toPath());
        deployer = new KubernetesDeployer(new WorkloadUpdater(kubernetes.client()));
        TagSpec latest = TagSpec.of("latest", new TagSource.DockerImage(ImageReference.parse(SOURCE + ":latest")))
                .withReferencePolicy(ReferencePolicy.LOCAL)
                .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-prod/web")));
        store.save(
                ImageStream.create(
                        APP,
                        ImageStreamSpec.empty()
                                .withRepository(ImageReference.parse(OWN))
                                .withTag(latest)
                                .withTag(TagSpec.withoutSource("live")
                                        .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-prod/live"))))),
                StreamStore.NEW);
        dispatcher = startDispatcher();
        kubernetes.client().resource(deployment("web", OWN + ":1.0")).create();
        kubernetes.client().resource(deployment("live", SOURCE + ":1.0")).create();
        kubernetes.takeRequests();
    }

    private EventDispatcher startDispatcher() {
        EventDispatcher started = new EventDispatcher(store, (message, e) -> problems.add(message));
        started.addListener(new WorkloadTrigger(store, deployer, CLOCK, Optional.empty()));
        return started;
    }

    private static Deployment deployment(String name, String image) {
        return TestWorkloads.deployment(
                "app-prod",
                name,
                Map.of("app", name),
                TestWorkloads.podSpec(List.of(), List.of(TestWorkloads.container("app", image))));
    }

    private void importDigest(Digest digest) {
        new StreamUpdater(store)
                .update(APP, s -> s.recordImport("latest", digest, SOURCE + "@" + digest, CLOCK.instant(), "import"));
        dispatcher.deliverPending(APP);
    }

    private String image(String name) {
        return TestWorkloads.deploymentContainers(kubernetes.client(), "app-prod", name)
                .get(0)
                .getImage();
    }

    private long patches() throws InterruptedException {
        return kubernetes.takeRequests().stream()
                .filter(r -> r.getMethod().equals("PATCH"))
                .count();
    }

    private List<WorkloadUpdateRecord> records(String tag) {
        return store.load(APP).orElseThrow().value().history(tag).workloadUpdates();
    }

    @Test
    public void importThatChangesTheDigestUpdatesTheDeploymentOnceWithTheTagsPullSpec() throws Exception {
        importDigest(A);

        assertThat(image("web"))
                .as("reference policy Local: the stream's own repository")
                .isEqualTo(OWN + "@" + A);
        assertThat(patches()).isEqualTo(1);
        assertThat(records("latest")).singleElement().satisfies(r -> {
            assertThat(r.image()).isEqualTo(A);
            assertThat(r.dockerImageReference()).isEqualTo(OWN + "@" + A);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.workloads())
                    .extracting(WorkloadResult::outcome)
                    .containsExactly(WorkloadResult.Outcome.UPDATED);
        });

        importDigest(A);
        dispatcher.deliverPending(APP);
        assertThat(patches()).isZero();
        assertThat(records("latest")).hasSize(1);

        importDigest(B);
        assertThat(image("web")).isEqualTo(OWN + "@" + B);
        assertThat(patches()).isEqualTo(1);
        assertThat(records("latest")).extracting(WorkloadUpdateRecord::image).containsExactly(B, A);
        assertThat(problems).isEmpty();
    }

    @Test
    public void restartDoesNotUpdateTwiceEvenIfTheEventIsOfferedAgain() throws Exception {
        importDigest(A);
        assertThat(patches()).isEqualTo(1);

        EventDispatcher restarted = startDispatcher();
        assertThat(restarted.deliverAllPending()).isZero();
        new WorkloadTrigger(store, deployer, CLOCK, Optional.empty())
                .imageChanged(new ImageChanged(APP, "latest", Optional.empty(), A, SOURCE + "@" + A, 2));

        assertThat(patches()).isZero();
        assertThat(records("latest")).hasSize(1);
    }

    @Test
    public void taggingIntoATagWithWorkloadsUpdatesThemAndKeepsTheList() throws Exception {
        importDigest(A);
        Tagger tagger = new Tagger(store, CLOCK, dispatcher::deliverPending);
        patches();

        tagger.tag(new TagSource.ImageStreamTag(APP, "latest"), APP, "live", "tag by alice");

        assertThat(image("live")).isEqualTo(SOURCE + "@" + A);
        assertThat(records("live")).extracting(WorkloadUpdateRecord::image).containsExactly(A);
        assertThat(store.load(APP)
                        .orElseThrow()
                        .value()
                        .specTag("live")
                        .orElseThrow()
                        .workloads())
                .containsExactly(WorkloadTarget.parse("deployment/app-prod/live"));

        importDigest(B);
        tagger.tag(new TagSource.ImageStreamTag(APP, "latest"), APP, "live", "tag by alice");
        tagger.rollback(APP, "live", A.toString());
        assertThat(image("live")).as("A, B, then back to A").isEqualTo(SOURCE + "@" + A);
        assertThat(records("live")).extracting(WorkloadUpdateRecord::image).containsExactly(A, B, A);
    }

    @Test
    public void aFailedUpdateIsRecordedAndTriedAgainOnTheNextDeliveryRun() throws Exception {
        kubernetes
                .client()
                .apps()
                .deployments()
                .inNamespace("app-prod")
                .withName("web")
                .delete();

        importDigest(A);

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("workload-trigger")
                .contains("web");
        assertThat(records("latest")).singleElement().satisfies(r -> assertThat(r.succeeded())
                .isFalse());

        kubernetes.client().resource(deployment("web", OWN + ":1.0")).create();
        dispatcher.deliverPending(APP);

        assertThat(image("web")).isEqualTo(OWN + "@" + A);
        assertThat(records("latest"))
                .extracting(WorkloadUpdateRecord::succeeded)
                .containsExactly(true, false);
    }
}
