package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Streams that use every field, for store tests. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123456789Z");

    private StoreFixtures() {}

    static Digest digest(String seed) {
        return Digest.sha256(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ImageStream simple(StreamName name) {
        return ImageStream.create(
                name,
                ImageStreamSpec.empty()
                        .withTag(TagSpec.of(
                                "latest",
                                new TagSource.DockerImage(ImageReference.parse("localhost:5000/" + name.name())))));
    }

    static ImageStream everyField() {
        StreamName name = StreamName.of("team-a", "web");
        TagSpec latest = TagSpec.of("latest", new TagSource.DockerImage(ImageReference.parse("localhost:5000/web:1")))
                .withImportPolicy(new ImportPolicy(true, true, ImportMode.LEGACY))
                .withReferencePolicy(ReferencePolicy.LOCAL)
                .withTagPolicy(TagPolicy.of("semver", ">=1.2 <2", true))
                .withAnnotations(Map.of(TagSpec.PREFER_ARCH, "arm64", "description", "the web app"));
        TagSpec prod = TagSpec.aliasOf("prod", TagSource.ImageStreamTag.parse("other/web:latest", "team-a"));
        TagSpec pinned = TagSpec.of("pinned", TagSource.ImageStreamImage.parse("web@sha256:abc", "team-a"));
        TagSpec ref = TagSpec.of("ref", new TagSource.DockerImage(ImageReference.parse("quay.io/x/y@" + digest("r"))))
                .withReference(true);
        TagSpec numeric = TagSpec.of("nightly", new TagSource.DockerImage(ImageReference.parse("localhost:5000/n")))
                .withTagPolicy(TagPolicy.of("regex", "n-(?<key>[0-9]+)", false));
        ImageStreamSpec spec = new ImageStreamSpec(
                Optional.of(ImageReference.parse("localhost:6000/mine/web")),
                7,
                List.of(latest, prod, pinned, ref, numeric, TagSpec.withoutSource("empty")));
        return ImageStream.create(name, spec)
                .recordImport("latest", digest("a"), "localhost:5000/web@" + digest("a"), T0, "import")
                .recordImport("latest", digest("b"), "localhost:5000/web@" + digest("b"), T0.plusSeconds(5), "import")
                .recordFailure("latest", "Unauthorized", "you may not have access", T0.plusSeconds(9))
                .recordImage("pinned", new TagEvent(T0, "localhost:5000/web@" + digest("a"), digest("a"), 4, "tag"))
                .withDelivered("latest", "jenkins-trigger");
    }
}
