package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a promotion does, worked out before anything changes: the answer of a dry run, and the steps the promoter
 * takes.
 *
 * @param source the source stream tag
 * @param target the target stream tag
 * @param image the source's current digest, which the target will point at
 * @param sourcePullSpec where the image is read from: the source's {@code items[0].dockerImageReference}
 * @param copyTo where the image is copied to (the target stream's repository under the target tag), empty when the
 *     target stream has no repository of its own and the target tag points at the source's pull spec
 * @param targetPullSpec the target's pinned pull spec afterwards, {@code repository@digest}
 * @param previousImage what the target tag points at now, empty if nothing
 * @param gates the gates the image passed
 * @param workloads the workloads that will be set to {@code targetPullSpec}
 */
public record PromotionPlan(
        TagSource.ImageStreamTag source,
        TagSource.ImageStreamTag target,
        Digest image,
        String sourcePullSpec,
        Optional<ImageReference> copyTo,
        String targetPullSpec,
        Optional<Digest> previousImage,
        List<Gate> gates,
        List<WorkloadTarget> workloads) {
    public PromotionPlan {
        Require.nonNull("source, target, image, sourcePullSpec", source, target, image, sourcePullSpec);
        Require.nonNull("copyTo, targetPullSpec, previousImage", copyTo, targetPullSpec, previousImage);
        gates = List.copyOf(gates);
        workloads = List.copyOf(workloads);
    }

    /** The plan as it is once {@code repository} is the target stream's own: the image is copied there. */
    public PromotionPlan withRepository(ImageReference repository) {
        return new PromotionPlan(
                source,
                target,
                image,
                sourcePullSpec,
                Optional.of(repository.withTag(target.tag())),
                repository.withDigest(image).toString(),
                previousImage,
                gates,
                workloads);
    }

    /** Whether the target tag will point at another image than now. */
    public boolean movesTag() {
        return previousImage.isEmpty() || !previousImage.get().equals(image);
    }

    /** The plan in lines a person reads: gates, copy, tag move, workloads. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        gates.forEach(g -> lines.add("gate " + g + ": passed, " + g.passed(image)));
        lines.add(copyTo.map(to -> "copy " + sourcePullSpec + " to " + to)
                .orElse("no copy: the target stream has no repository of its own"));
        lines.add(
                movesTag()
                        ? "move " + target + " from "
                                + previousImage.map(Digest::toString).orElse("no image") + " to " + image + " ("
                                + targetPullSpec + ")"
                        : target + " already points at " + image + "; it stays");
        workloads.forEach(w -> lines.add("set " + w + " to " + targetPullSpec));
        return lines;
    }
}
