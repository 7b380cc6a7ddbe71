package io.jenkins.plugins.imagestreams.service;

import static io.jenkins.plugins.imagestreams.service.ServiceFixture.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/** {@link ImageStreamService#importTag}: a new source changes only what the request names. */
public class ImportRulesTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final ServiceFixture fx = new ServiceFixture(REGISTRY);

    private static final TagSource.ImageStreamTag STAGING = tag("app-staging", "myapp", "latest");
    private static final TagSource.ImageStreamTag QA = tag("app-qa", "myapp", "latest");

    @Test
    public void aNewSourceKeepsTheTagsPoliciesAnnotationsGateAndWorkloads() throws Exception {
        fx.push(fx.newFolder(), "old", "old/myapp:1.0");
        Digest fresh = fx.push(fx.newFolder(), "new", "new/myapp:1.0");
        TagSpec before = TagSpec.of("latest", new TagSource.DockerImage(fx.ref("old/myapp:1.0")))
                .withImportPolicy(new ImportPolicy(true, false, ImportMode.LEGACY))
                .withReferencePolicy(ReferencePolicy.LOCAL)
                .withTagPolicy(TagPolicy.of("semver", ">=1.0", false))
                .withAnnotations(Map.of(TagSpec.PREFER_ARCH, "arm64"))
                .withWorkloads(List.of(WorkloadTarget.parse("deployment/app-staging/web")));
        new JsonFileStore(fx.storeRoot)
                .save(
                        ImageStream.create(
                                STAGING.stream(), ImageStreamSpec.empty().withTag(before)),
                        StreamStore.NEW);

        ImportResult result = fx.service.importTag(ImportRequest.of(STAGING).withFrom(fx.ref("new/myapp:1.0")));

        assertThat(result).isInstanceOf(ImportResult.Changed.class);
        assertThat(((ImportResult.Changed) result).current().image()).isEqualTo(fresh);
        TagSpec after =
                fx.service.requireStream(STAGING.stream()).specTag("latest").orElseThrow();
        assertThat(after.from()).contains(new TagSource.DockerImage(fx.ref("new/myapp:1.0")));
        assertThat(after.importPolicy()).isEqualTo(before.importPolicy());
        assertThat(after.referencePolicy()).isEqualTo(ReferencePolicy.LOCAL);
        assertThat(after.tagPolicy()).isEqualTo(before.tagPolicy());
        assertThat(after.annotations()).isEqualTo(before.annotations());
        assertThat(after.workloads()).isEqualTo(before.workloads());
    }

    @Test
    public void flagsOnlyTurnSettingsOnAndAModeOrPolicyReplacesTheStoredOne() throws Exception {
        fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(STAGING)
                .withFrom(fx.ref("ci/myapp:latest"))
                .withScheduled(true)
                .withImportMode(ImportMode.LEGACY));

        fx.service.importTag(ImportRequest.of(STAGING).withReferencePolicy(ReferencePolicy.LOCAL));

        TagSpec after =
                fx.service.requireStream(STAGING.stream()).specTag("latest").orElseThrow();
        assertThat(after.importPolicy()).isEqualTo(new ImportPolicy(true, false, ImportMode.LEGACY));
        assertThat(after.referencePolicy()).isEqualTo(ReferencePolicy.LOCAL);
    }

    @Test
    public void anAliasGivenARegistrySourceBecomesAnImportedTag() throws Exception {
        fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        Digest other = fx.push(fx.newFolder(), "other", "other/myapp:latest");
        fx.service.importTag(ImportRequest.of(STAGING).withFrom(fx.ref("ci/myapp:latest")));
        fx.service.alias(STAGING, QA);

        fx.service.importTag(ImportRequest.of(QA).withFrom(fx.ref("other/myapp:latest")));

        TagSpec qa = fx.service.requireStream(QA.stream()).specTag("latest").orElseThrow();
        assertThat(qa.alias()).isFalse();
        assertThat(qa.from()).contains(new TagSource.DockerImage(fx.ref("other/myapp:latest")));
        assertThat(fx.service
                        .requireStream(QA.stream())
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .isEqualTo(other);
    }

    @Test
    public void withoutASourceTheTagMustExist() throws Exception {
        fx.service.apply("/streams.yaml", List.of(new StreamDefinition(STAGING.stream(), ImageStreamSpec.empty())));
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.importTag(ImportRequest.of(STAGING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag 'latest' does not exist in image stream app-staging/myapp");
        assertThatThrownBy(() -> fx.service.importTag(ImportRequest.of(STAGING).withScheduled(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give it a registry source to create it");
        assertThat(fx.snapshot()).isEqualTo(before);
    }
}
