package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.WorkloadUpdateRecord;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Streams that use every field, for store tests. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123456789Z");
    static final StreamName PROD = StreamName.of("app-prod", "myapp");
    static final TagSource.ImageStreamTag STAGING = TagSource.ImageStreamTag.parse("app-staging/myapp:latest", "x");
    static final String REPO = "127.0.0.1:5000/app-prod/myapp";
    private static final TagSource.ImageStreamTag TARGET = new TagSource.ImageStreamTag(PROD, "latest");

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

    /**
     * A prod stream whose tag has a promotion gate and two workloads, three promotion records (one failed) and a
     * workload update record.
     */
    static ImageStream promoted(int historyLimit) {
        TagSpec latest = TagSpec.withoutSource("latest")
                .withRequireFrom(STAGING)
                .withWorkloads(List.of(
                        WorkloadTarget.parse("deployment/app-prod/web:app"),
                        WorkloadTarget.parse("cronjob/app-prod/-l app=report,tier=batch")));
        ImageStream stream = ImageStream.create(
                PROD, new ImageStreamSpec(Optional.of(ImageReference.parse(REPO)), historyLimit, List.of(latest)));
        return stream.recordImage("latest", new TagEvent(T0, REPO + "@" + digest("v2"), digest("v2"), 2, "promoted"))
                .withPromotion("latest", promotion("v1", Optional.empty(), PromotionRecord.Outcome.PROMOTED))
                .withPromotion("latest", promotion("v2", Optional.empty(), PromotionRecord.Outcome.FAILED))
                .withPromotion("latest", promotion("v2", Optional.of("v1"), PromotionRecord.Outcome.PROMOTED))
                .withWorkloadUpdate(
                        "latest",
                        new WorkloadUpdateRecord(digest("v2"), REPO + "@" + digest("v2"), T0, List.of(updated("web"))));
    }

    /** A promotion of {@code seed}'s digest from staging into prod by alice; a failed one has no workload results. */
    static PromotionRecord promotion(String seed, Optional<String> previous, PromotionRecord.Outcome outcome) {
        boolean failed = outcome == PromotionRecord.Outcome.FAILED;
        return PromotionRecord.builder(STAGING, TARGET, digest(seed))
                .dockerImageReference(REPO + "@" + digest(seed))
                .previousImage(previous.map(StoreFixtures::digest))
                .copied(true)
                .time(T0)
                .actor("alice")
                .outcome(outcome)
                .workloads(failed ? List.of() : List.of(updated("web")))
                .message(failed ? "copy failed: 503" : "")
                .build();
    }

    private static WorkloadResult updated(String name) {
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("migrate", REPO + ":1.0");
        previous.put("app", REPO + ":1.0");
        return new WorkloadResult(
                WorkloadKind.DEPLOYMENT,
                "app-prod",
                name,
                REPO + "@" + digest("v2"),
                List.of("migrate", "app"),
                previous,
                WorkloadResult.Outcome.UPDATED,
                "");
    }
}
