package io.jenkins.plugins.imagestreams.service;

import static io.jenkins.plugins.imagestreams.service.ServiceFixture.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * A tag with a {@code requireFrom} gate refuses every write of an image its upstream tag never had, whichever
 * operation writes: tag, tag from history, rollback, import, alias, promotion. The refusal names the gate and nothing
 * changes.
 */
public class GatesOnEveryWriteTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final ServiceFixture fx = new ServiceFixture(REGISTRY);

    private static final TagSource.ImageStreamTag DEV = tag("app-dev", "myapp", "latest");
    private static final TagSource.ImageStreamTag STAGING = tag("app-staging", "myapp", "latest");
    private static final TagSource.ImageStreamTag PROD = tag("app-prod", "myapp", "latest");

    private Digest v1;

    @Before
    public void setUp() throws Exception {
        v1 = fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(DEV).withFrom(fx.ref("ci/myapp:latest")));
        fx.service.apply(
                "gates.yaml",
                List.of(new StreamDefinition(
                        PROD.stream(),
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.withoutSource("latest").withRequireFrom(STAGING)))));
    }

    @Test
    public void taggingAnImageTheUpstreamNeverHadIsRefusedNamingTheGate() throws Exception {
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.tag(DEV, PROD, "tag by test"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("tag of " + v1 + " into " + PROD)
                .hasMessageContaining("refused by gate requireFrom " + STAGING);
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void taggingFromHistoryIsRefusedToo() throws Exception {
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.tag(
                        new TagSource.ImageStreamImage(DEV.stream(), v1.toString()), PROD, "tag by test"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("refused by gate requireFrom " + STAGING);
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void taggingPassesOnceTheUpstreamHadTheImage() {
        fx.service.tag(DEV, STAGING, "tag by test");

        assertThat(fx.service.tag(DEV, PROD, "tag by test").image()).isEqualTo(v1);
    }

    @Test
    public void rollbackToAnImageTheUpstreamNeverHadIsRefused() throws Exception {
        definePromotionTarget(false);
        fx.service.tag(DEV, PROD, "tag by test");
        Digest v2 = fx.push(fx.newFolder(), "v2", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(DEV));
        fx.service.tag(DEV, STAGING, "tag by test");
        fx.service.tag(DEV, PROD, "tag by test");
        definePromotionTarget(true);
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.rollback(PROD, v1.toString()))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("tag of " + v1 + " into " + PROD)
                .hasMessageContaining("refused by gate requireFrom " + STAGING);
        assertThat(fx.snapshot()).isEqualTo(before);
        assertThat(fx.service
                        .requireStream(PROD.stream())
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .isEqualTo(v2);
    }

    private void definePromotionTarget(boolean gated) {
        TagSpec latest = TagSpec.withoutSource("latest");
        fx.service.apply(
                "gates.yaml",
                List.of(new StreamDefinition(
                        PROD.stream(),
                        ImageStreamSpec.empty().withTag(gated ? latest.withRequireFrom(STAGING) : latest))));
    }

    @Test
    public void importOfADigestTheUpstreamNeverHadFailsWithGateRefusedAndKeepsTheImage() throws Exception {
        fx.service.tag(DEV, STAGING, "tag by test");
        fx.service.tag(DEV, PROD, "tag by test");
        fx.service.apply(
                "gates.yaml",
                List.of(new StreamDefinition(
                        PROD.stream(),
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of("latest", new TagSource.DockerImage(fx.ref("ci/myapp:latest")))
                                        .withRequireFrom(STAGING)))));
        Digest v2 = fx.push(fx.newFolder(), "v2", "ci/myapp:latest");

        ImportResult result = fx.service.importTag(ImportRequest.of(PROD));

        assertThat(result).isInstanceOf(ImportResult.Failed.class);
        TagCondition condition = ((ImportResult.Failed) result).condition();
        assertThat(condition.reason()).isEqualTo(TagCondition.GATE_REFUSED);
        assertThat(condition.message()).contains("import of " + v2).contains("refused by gate requireFrom " + STAGING);
        assertThat(fx.service
                        .requireStream(PROD.stream())
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .isEqualTo(v1);
    }

    @Test
    public void aGatedTagCannotBecomeAnAlias() throws Exception {
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.alias(DEV, PROD))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("has the gate requireFrom " + STAGING)
                .hasMessageContaining("cannot follow " + DEV);
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void promotionIsRefusedByTheSameGate() throws Exception {
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.promote(PromotionRequest.of(DEV, PROD, PromotionOptions.by("test"))))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining("promotion of " + v1 + " into " + PROD)
                .hasMessageContaining("refused by gate requireFrom " + STAGING);
        assertThat(fx.snapshot()).isEqualTo(before);
    }
}
