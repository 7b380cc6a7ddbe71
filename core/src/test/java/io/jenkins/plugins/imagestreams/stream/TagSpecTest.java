package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class TagSpecTest {
    private static final TagSource WEB = new TagSource.DockerImage(ImageReference.parse("localhost:5000/web:1"));
    private static final TagSource.ImageStreamTag STAGING = TagSource.ImageStreamTag.parse("staging/web:latest", "x");
    private static final String KEY = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n";

    @Test
    public void anAliasCannotHaveASignatureGateOrASoakTime() {
        assertThatThrownBy(() -> TagSpec.builder("latest")
                        .from(STAGING)
                        .alias(true)
                        .requireSignature(SignaturePolicy.matchRepository(List.of(KEY)))
                        .build())
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("tag 'latest' is an alias and has the gate requireSignature");
        assertThatThrownBy(() -> TagSpec.builder("latest")
                        .from(STAGING)
                        .alias(true)
                        .minimumAge(Duration.ofHours(1))
                        .build())
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("minimumAge 1h");
    }

    @Test
    public void aSoakTimeMustBePositive() {
        assertThatThrownBy(
                        () -> TagSpec.builder("prod").minimumAge(Duration.ZERO).build())
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("tag 'prod': minimumAge must be positive, was PT0S");
    }

    @Test
    public void aSignaturePolicyNeedsAKeyAndAKnownIdentityRule() {
        assertThatThrownBy(() -> SignaturePolicy.matchRepository(List.of()))
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("at least one public key");
        assertThatThrownBy(() -> new SignaturePolicy(List.of(KEY), "anyone"))
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("identity 'anyone' is neither matchRepository nor pattern:<glob>");
        assertThat(new SignaturePolicy(List.of(KEY), " ").identity()).isEqualTo(SignaturePolicy.MATCH_REPOSITORY);
        assertThat(new SignaturePolicy(List.of(KEY), "pattern:reg/team/*").identity())
                .isEqualTo("pattern:reg/team/*");
    }

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
                .requireSignature(SignaturePolicy.matchRepository(List.of(KEY)))
                .minimumAge(Duration.ofHours(24))
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
                        spec.workloads(),
                        spec.requireSignature(),
                        Optional.of(Duration.ofDays(1))));
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

    @Test
    public void aWorkloadListedTwiceIsRefusedAndDistinctOnesAndNoAnnotationsAreKept() {
        WorkloadTarget web = WorkloadTarget.parse("deployment/app-prod/web:app");
        WorkloadTarget jobs = WorkloadTarget.parse("cronjob/app-prod/report:app");
        TagSpec tag = TagSpec.withoutSource("latest");

        assertThatThrownBy(() -> tag.withWorkloads(List.of(web, jobs, web)))
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("tag 'latest' lists the same workload twice");
        assertThat(tag.withWorkloads(List.of(web, jobs)).workloads()).containsExactly(web, jobs);
        assertThat(tag.withWorkloads(List.of(web)).workloads()).containsExactly(web);
        assertThat(tag.annotations()).isEmpty();
        assertThat(tag.withAnnotations(Map.of("b", "2", "a", "1")).annotations())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    }
}
