package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class TagSpecTest {
    private static final TagSource WEB = new TagSource.DockerImage(ImageReference.parse("localhost:5000/web:1"));
    private static final TagSource.ImageStreamTag STAGING = TagSource.ImageStreamTag.parse("staging/web:latest", "x");

    @Test
    public void builderStartsFromTheDefaultsOfATagWithoutSource() {
        assertThat(TagSpec.builder("latest").build()).isEqualTo(TagSpec.withoutSource("latest"));
        assertThat(TagSpec.builder("latest").from(WEB).build()).isEqualTo(TagSpec.of("latest", WEB));
    }

    @Test
    public void builderSetsEveryFieldAndToBuilderKeepsThemAll() {
        TagSpec spec = TagSpec.builder("latest")
                .from(WEB)
                .importPolicy(new ImportPolicy(true, true, ImportMode.LEGACY))
                .referencePolicy(ReferencePolicy.LOCAL)
                .tagPolicy(TagPolicy.of("semver", ">=1 <2", false))
                .generation(3)
                .annotations(Map.of(TagSpec.PREFER_ARCH, "arm64"))
                .requireFrom(STAGING)
                .workloads(List.of(WorkloadTarget.parse("deployment/prod/web")))
                .build();

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.toBuilder().name("stable").reference(true).build())
                .isEqualTo(new TagSpec(
                        "stable",
                        Optional.of(WEB),
                        true,
                        false,
                        spec.importPolicy(),
                        ReferencePolicy.LOCAL,
                        spec.tagPolicy(),
                        spec.generation(),
                        spec.annotations(),
                        Optional.of(STAGING),
                        spec.workloads()));
    }

    @Test
    public void buildChecksTheFlagsAsTheConstructorDoes() {
        assertThatThrownBy(() -> TagSpec.builder("live").from(WEB).alias(true).build())
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("is an alias, so its source must be an image stream tag");
        assertThatThrownBy(() -> TagSpec.builder("latest")
                        .importPolicy(ImportPolicy.DEFAULT.withScheduled(true))
                        .build())
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("may be scheduled or insecure");
    }
}
