package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Instant;
import org.junit.Test;

public class ScheduledTagTest {
    private static final Digest D = Digest.sha256("d".getBytes());

    private static TagSpec docker(String tag, String ref, boolean scheduled) {
        return TagSpec.of(tag, new TagSource.DockerImage(ImageReference.parse(ref)))
                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(scheduled));
    }

    @Test
    public void onlyScheduledRegistryTagsAreScheduledWithTheirApiHost() {
        ImageStream stream = ImageStream.create(
                StreamName.parse("app"),
                ImageStreamSpec.empty()
                        .withTag(docker("hub", "nginx:1", true))
                        .withTag(docker("local", "localhost:5000/app:1", true))
                        .withTag(docker("manual", "localhost:5000/app:2", false))
                        .withTag(docker("ref", "localhost:5000/app:3", true).withReference(true))
                        .withTag(TagSpec.of("copy", TagSource.ImageStreamTag.parse("app:hub", "default"))));
        assertThat(ScheduledTag.of(stream))
                .extracting(ScheduledTag::tag, ScheduledTag::registry)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hub", "registry-1.docker.io"),
                        org.assertj.core.groups.Tuple.tuple("local", "localhost:5000"));
    }

    @Test
    public void digestPinnedTagIsScheduledOnlyUntilItsFirstImport() {
        ImageStream stream = ImageStream.create(
                StreamName.parse("app"),
                ImageStreamSpec.empty().withTag(docker("pinned", "localhost:5000/app@" + D, true)));
        assertThat(ScheduledTag.of(stream)).hasSize(1);
        ImageStream imported = stream.recordImport(
                "pinned", D, "localhost:5000/app@" + D, Instant.parse("2026-01-01T00:00:00Z"), "import");
        assertThat(ScheduledTag.of(imported)).isEmpty();
    }
}
