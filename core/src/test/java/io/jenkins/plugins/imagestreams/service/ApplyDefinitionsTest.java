package io.jenkins.plugins.imagestreams.service;

import static io.jenkins.plugins.imagestreams.service.ServiceFixture.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/** The ownership rule of {@link ImageStreamService#apply}: what definitions own, what commands may do, what is released. */
public class ApplyDefinitionsTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final ServiceFixture fx = new ServiceFixture(REGISTRY);

    private static final String FILE = "/etc/streams.yaml";
    private static final StreamName DEV = StreamName.of("app-dev", "myapp");
    private static final StreamName PROD = StreamName.of("app-prod", "myapp");
    private static final TagSource.ImageStreamTag DEV_LATEST = tag("app-dev", "myapp", "latest");
    private static final TagSource.ImageStreamTag PROD_LATEST = tag("app-prod", "myapp", "latest");

    private StreamDefinition dev(String source, boolean scheduled) {
        TagSpec latest = TagSpec.of("latest", new TagSource.DockerImage(fx.ref(source)))
                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(scheduled));
        return new StreamDefinition(DEV, ImageStreamSpec.empty().withTag(latest));
    }

    private static StreamDefinition prod(ReferencePolicy policy) {
        return new StreamDefinition(
                PROD,
                ImageStreamSpec.empty()
                        .withTag(TagSpec.withoutSource("latest")
                                .withReferencePolicy(policy)
                                .withRequireFrom(DEV_LATEST)));
    }

    @Test
    public void definedStreamsAreCreatedWithTheirTagsMarkedAsOwned() {
        ApplyResult result = fx.service.apply(FILE, List.of(dev("ci/myapp:latest", true), prod(ReferencePolicy.LOCAL)));

        assertThat(result.changed()).containsExactly(DEV, PROD);
        assertThat(result.problems()).isEmpty();
        TagSpec latest = fx.service.requireStream(DEV).specTag("latest").orElseThrow();
        assertThat(Ownership.owner(latest)).contains(FILE);
        assertThat(Ownership.sourceOwner(latest)).contains(FILE);
        TagSpec target = fx.service.requireStream(PROD).specTag("latest").orElseThrow();
        assertThat(Ownership.owner(target)).contains(FILE);
        assertThat(Ownership.sourceOwner(target)).isEmpty();
    }

    @Test
    public void applyingTheSameDefinitionsAgainWritesNothing() throws Exception {
        List<StreamDefinition> definitions = List.of(dev("ci/myapp:latest", true), prod(ReferencePolicy.LOCAL));
        fx.service.apply(FILE, definitions);
        Map<String, String> before = fx.snapshot();

        ApplyResult again = fx.service.apply(FILE, definitions);

        assertThat(again.changed()).isEmpty();
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void commandsMayNotChangeATagWhoseSourceIsDefined() throws Exception {
        fx.service.apply(FILE, List.of(dev("ci/myapp:latest", false)));
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.tag(PROD_LATEST, DEV_LATEST, "test"))
                .isInstanceOf(OwnedTagException.class)
                .hasMessage("cannot tag into " + DEV_LATEST + ": the tag is defined in " + FILE + "; change it there");
        assertThatThrownBy(() -> fx.service.untag(DEV_LATEST))
                .isInstanceOf(OwnedTagException.class)
                .hasMessageContaining("cannot delete " + DEV_LATEST);
        assertThatThrownBy(() -> fx.service.alias(PROD_LATEST, DEV_LATEST)).isInstanceOf(OwnedTagException.class);
        assertThatThrownBy(
                        () -> fx.service.importTag(ImportRequest.of(DEV_LATEST).withFrom(fx.ref("other/myapp:latest"))))
                .isInstanceOf(OwnedTagException.class)
                .hasMessageContaining("cannot change the source or import policy of " + DEV_LATEST);
        assertThatThrownBy(
                        () -> fx.service.importTag(ImportRequest.of(DEV_LATEST).withScheduled(true)))
                .isInstanceOf(OwnedTagException.class);
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void aDefinedTagImportsAgainFromItsOwnSource() throws Exception {
        Digest v1 = fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.apply(FILE, List.of(dev("ci/myapp:latest", false)));

        fx.service.importTag(ImportRequest.of(DEV_LATEST));
        fx.service.importTag(ImportRequest.of(DEV_LATEST).withFrom(fx.ref("ci/myapp:latest")));

        assertThat(fx.service
                        .requireStream(DEV)
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .isEqualTo(v1);
    }

    @Test
    public void aDefinedPromotionTargetTakesImagesAndKeepsThemWhenDefinitionsApplyAgain() throws Exception {
        Digest v1 = fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.apply(FILE, List.of(dev("ci/myapp:latest", false), prod(ReferencePolicy.SOURCE)));
        fx.service.importTag(ImportRequest.of(DEV_LATEST));

        fx.service.promote(PromotionRequest.of(DEV_LATEST, PROD_LATEST, PromotionOptions.by("test")));
        fx.service.apply(FILE, List.of(dev("ci/myapp:latest", false), prod(ReferencePolicy.LOCAL)));

        ImageStream prod = fx.service.requireStream(PROD);
        TagSpec latest = prod.specTag("latest").orElseThrow();
        assertThat(latest.from()).contains(new TagSource.ImageStreamImage(DEV, v1.toString()));
        assertThat(latest.referencePolicy()).isEqualTo(ReferencePolicy.LOCAL);
        assertThat(latest.requireFrom()).contains(DEV_LATEST);
        assertThat(prod.currentImage("latest").orElseThrow().image()).isEqualTo(v1);
        assertThatThrownBy(() -> fx.service.untag(PROD_LATEST)).isInstanceOf(OwnedTagException.class);
    }

    @Test
    public void aTagNoLongerDefinedIsReleasedItsSpecGoneItsHistoryKept() throws Exception {
        Digest v1 = fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.apply(FILE, List.of(dev("ci/myapp:latest", true), prod(ReferencePolicy.SOURCE)));
        fx.service.importTag(ImportRequest.of(DEV_LATEST));

        ApplyResult result = fx.service.apply(FILE, List.of(prod(ReferencePolicy.SOURCE)));

        assertThat(result.released()).containsExactly(DEV_LATEST);
        ImageStream dev = fx.service.requireStream(DEV);
        assertThat(dev.specTag("latest")).isEmpty();
        assertThat(dev.currentImage("latest").orElseThrow().image()).isEqualTo(v1);
        fx.service.untag(DEV_LATEST);
        assertThat(fx.service.requireStream(DEV).tagNames()).isEmpty();
    }

    @Test
    public void anotherOwnersAndCommandsTagsAreLeftAlone() throws Exception {
        fx.service.apply("/other.yaml", List.of(prod(ReferencePolicy.SOURCE)));
        fx.service.importTag(ImportRequest.of(tag("app-dev", "myapp", "manual")).withFrom(fx.ref("ci/myapp:1")));
        fx.service.apply(FILE, List.of(dev("ci/myapp:latest", false)));

        ApplyResult result = fx.service.apply(FILE, List.of());

        assertThat(result.released()).containsExactly(DEV_LATEST);
        assertThat(fx.service.requireStream(PROD).specTag("latest")).isPresent();
        assertThat(fx.service.requireStream(DEV).specTag("manual")).isPresent();
    }

    @Test
    public void aDefinitionThatCannotApplyIsReportedAndTheOthersStillApply() {
        StreamDefinition qa = new StreamDefinition(
                StreamName.of("app-qa", "myapp"),
                ImageStreamSpec.empty().withTag(TagSpec.withoutSource("latest").withRequireFrom(DEV_LATEST)));
        fx.service.apply(FILE, List.of(qa, dev("ci/myapp:latest", false)));
        fx.service.alias(DEV_LATEST, tag("app-qa", "myapp", "other"));

        ApplyResult result = fx.service.apply(
                "/second.yaml",
                List.of(
                        new StreamDefinition(
                                StreamName.of("app-qa", "myapp"),
                                ImageStreamSpec.empty()
                                        .withTag(TagSpec.withoutSource("other").withRequireFrom(DEV_LATEST))),
                        prod(ReferencePolicy.SOURCE)));

        assertThat(result.problems()).containsOnlyKeys(StreamName.of("app-qa", "myapp"));
        assertThat(result.problems().get(StreamName.of("app-qa", "myapp")))
                .contains("is an alias and has the gate requireFrom");
        assertThat(result.changed()).contains(PROD);
    }
}
