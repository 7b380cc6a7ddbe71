package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import org.junit.Test;

public class TagSourceTest {
    private static final Digest D = Digest.sha256("x".getBytes());

    @Test
    public void imageStreamTagParsesOptionalNamespace() {
        TagSource.ImageStreamTag ist = TagSource.ImageStreamTag.parse("prod/app:1.2", "dev");
        assertThat(ist.stream()).isEqualTo(StreamName.of("prod", "app"));
        assertThat(ist.tag()).isEqualTo("1.2");
        assertThat(TagSource.ImageStreamTag.parse("app:1.2", "dev").stream().namespace())
                .isEqualTo("dev");
    }

    @Test
    public void imageStreamTagNeedsATag() {
        assertThatThrownBy(() -> TagSource.ImageStreamTag.parse("app", "dev"))
                .hasMessageContaining("[namespace/]stream:tag");
    }

    @Test
    public void imageStreamImageAcceptsDigestOrPrefix() {
        TagSource.ImageStreamImage full = TagSource.ImageStreamImage.parse("app@" + D, "default");
        TagSource.ImageStreamImage prefix =
                TagSource.ImageStreamImage.parse("app@" + D.hex().substring(0, 7), "x");
        assertThat(full.matches(D)).isTrue();
        assertThat(prefix.matches(D)).isTrue();
        assertThat(prefix.matches(Digest.sha256("y".getBytes())))
                .isEqualTo(
                        Digest.sha256("y".getBytes()).hex().startsWith(D.hex().substring(0, 7)));
        assertThatThrownBy(() -> TagSource.ImageStreamImage.parse("app@XYZ", "x"))
                .hasMessageContaining("digest");
    }

    @Test
    public void openShiftObjectReferenceRoundTrips() {
        TagSource[] sources = {
            new TagSource.DockerImage(ImageReference.parse("localhost:5000/app:1")),
            TagSource.ImageStreamTag.parse("ns/app:1", "default"),
            TagSource.ImageStreamImage.parse("ns/app@" + D, "default")
        };
        for (TagSource source : sources) {
            assertThat(TagSource.of(source.kind(), source.name(), source.namespace()))
                    .isEqualTo(source);
        }
        assertThat(sources[1].name()).isEqualTo("app:1");
        assertThat(sources[1].namespace()).isEqualTo("ns");
    }

    @Test
    public void unknownKindIsNamed() {
        assertThatThrownBy(() -> TagSource.of("Pod", "x", ""))
                .hasMessageContaining("'Pod'")
                .hasMessageContaining("DockerImage, ImageStreamTag or ImageStreamImage");
    }

    @Test
    public void scheduledNeedsARegistrySource() {
        TagSpec spec = TagSpec.of("t", TagSource.ImageStreamTag.parse("app:1", "default"));
        assertThatThrownBy(() -> spec.withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)))
                .hasMessageContaining("only tags pointing to registry images");
    }

    @Test
    public void aliasNeedsAnImageStreamTagSource() {
        TagSpec docker = TagSpec.of("t", new TagSource.DockerImage(ImageReference.parse("localhost:5000/a:1")));
        assertThatThrownBy(() -> docker.withAlias(true)).hasMessageContaining("alias");
    }
}
