package io.jenkins.plugins.imagestreams.service;

import static io.jenkins.plugins.imagestreams.service.ServiceFixture.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/** {@link ImageStreamService#promote}: {@code copyTo} names the target stream's repository; workloads need a cluster. */
public class PromoteRulesTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final ServiceFixture fx = new ServiceFixture(REGISTRY);

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    private static final TagSource.ImageStreamTag DEV = tag("app-dev", "myapp", "latest");
    private static final TagSource.ImageStreamTag PROD = tag("app-prod", "myapp", "latest");

    private Digest v1;

    @Before
    public void setUp() throws Exception {
        v1 = fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(DEV).withFrom(fx.ref("ci/myapp:latest")));
    }

    private PromotionRequest request() {
        return PromotionRequest.of(DEV, PROD, PromotionOptions.by("test"));
    }

    private String prodRepository() {
        return fx.ref("app-prod/myapp").name();
    }

    @Test
    public void copyToBecomesTheRepositoryOfATargetStreamThatHasNone() throws Exception {
        PromotionRecord record = fx.service.promote(request().withCopyTo(prodRepository()));

        assertThat(record.copied()).isTrue();
        assertThat(record.dockerImageReference()).isEqualTo(prodRepository() + "@" + v1);
        assertThat(fx.service
                        .requireStream(PROD.stream())
                        .repository()
                        .orElseThrow()
                        .name())
                .isEqualTo(prodRepository());
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, fx.prefix + "/app-prod/myapp:latest")))
                .isEqualTo(v1);
    }

    @Test
    public void theDryRunShowsTheCopyAndChangesNothing() throws Exception {
        Map<String, String> before = fx.snapshot();

        PromotionPlan plan = fx.service.plan(request().withCopyTo(prodRepository()));

        assertThat(plan.copyTo().orElseThrow().toString()).isEqualTo(prodRepository() + ":latest");
        assertThat(plan.targetPullSpec()).isEqualTo(prodRepository() + "@" + v1);
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void copyToAnotherRepositoryThanTheTargetStreamsIsRefusedAndChangesNothing() throws Exception {
        fx.service.apply(
                "/streams.yaml",
                List.of(new StreamDefinition(
                        PROD.stream(), ImageStreamSpec.empty().withRepository(fx.ref("app-prod/myapp")))));
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.promote(
                        request().withCopyTo(fx.ref("elsewhere/myapp").name())))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("image stream app-prod/myapp keeps its images in " + prodRepository());
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void copyToTheSameRepositoryAsTheStreamsIsAccepted() throws Exception {
        fx.service.apply(
                "/streams.yaml",
                List.of(new StreamDefinition(
                        PROD.stream(), ImageStreamSpec.empty().withRepository(fx.ref("app-prod/myapp")))));

        PromotionRecord record = fx.service.promote(request().withCopyTo(prodRepository()));

        assertThat(record.dockerImageReference()).isEqualTo(prodRepository() + "@" + v1);
    }

    @Test
    public void copyToWithATagOrDigestIsRefusedNamingTheInput() {
        assertThatThrownBy(() -> request().withCopyTo(prodRepository() + ":v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + prodRepository() + ":v1' must name a repository");
        assertThatThrownBy(() -> request().withCopyTo(prodRepository() + "@" + v1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void workloadsAreSetThroughTheClusterTheRequestNames() throws Exception {
        kubernetes
                .client()
                .resource(TestWorkloads.deployment(
                        "app-prod",
                        "web",
                        Map.of("app", "web"),
                        TestWorkloads.podSpec(
                                List.of(),
                                List.of(TestWorkloads.container(
                                        "app", fx.ref("ci/myapp:1.0").toString())))))
                .create();
        PromotionOptions options =
                PromotionOptions.by("test").withWorkloads(List.of(WorkloadTarget.parse("deployment/app-prod/web")));

        PromotionRecord record = fx.service.promote(PromotionRequest.of(DEV, PROD, options)
                .withCluster(ClusterAccess.token(URI.create(kubernetes.url()), "token", Optional.empty())));

        assertThat(record.succeeded()).as(record.message()).isTrue();
        assertThat(TestWorkloads.deploymentContainers(kubernetes.client(), "app-prod", "web"))
                .extracting(c -> c.getImage())
                .containsExactly(fx.ref("ci/myapp").name() + "@" + v1);
    }

    @Test
    public void workloadsWithoutAClusterAreRefusedBeforeAnythingChanges() throws Exception {
        PromotionOptions options =
                PromotionOptions.by("test").withWorkloads(List.of(WorkloadTarget.parse("deployment/app-prod/web")));
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.promote(PromotionRequest.of(DEV, PROD, options)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no cluster");
        assertThat(fx.snapshot()).isEqualTo(before);
        assertThat(fx.service.stream(StreamName.of("app-prod", "myapp"))).isEmpty();
    }
}
