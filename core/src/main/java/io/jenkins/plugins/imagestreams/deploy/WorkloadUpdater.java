package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.imagestreams.deploy.WorkloadResult.Outcome;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets the image of Deployments, StatefulSets, DaemonSets and CronJobs to one exact image, {@code repository@sha256:…},
 * by JSON patch of the container image fields alone.
 *
 * <p>Every targeted workload is read and checked before any is written: a missing workload, a selector that matches
 * nothing, or a workload without a fitting container fails the whole update with a {@link WorkloadException} and
 * touches nothing. A workload whose chosen containers already run the image is {@code UNCHANGED} and not written, so
 * running the same update twice is harmless.
 */
public final class WorkloadUpdater {
    private final WorkloadApi api;
    private final RolloutWaiter waiter;

    /** An updater that waits on the system clock. */
    public WorkloadUpdater(KubernetesClient client) {
        this(client, Clock.systemUTC(), Sleeper.threadSleep());
    }

    /** An updater whose rollout wait reads {@code clock} and pauses with {@code sleeper}. */
    public WorkloadUpdater(KubernetesClient client, Clock clock, Sleeper sleeper) {
        this.api = new WorkloadApi(Objects.requireNonNull(client, "client"));
        this.waiter = new RolloutWaiter(api, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper));
    }

    /**
     * Sets {@code image} in the workloads of {@code target} without waiting for their rollout.
     *
     * @param image a reference with a digest; its tag, if any, is dropped
     * @return one result per workload, sorted by name: {@code UPDATED}, {@code UNCHANGED} or {@code FAILED}
     * @throws WorkloadException if a workload is missing, the selector matches nothing, or a workload has no fitting
     *     container; nothing was written then
     * @throws IllegalArgumentException if {@code image} has no digest
     */
    public List<WorkloadResult> update(WorkloadTarget target, ImageReference image) throws WorkloadException {
        Objects.requireNonNull(target, "target");
        ImageReference pinned = pin(image);
        List<Plan> plans = new ArrayList<>();
        for (HasMetadata workload : api.find(target)) {
            plans.add(plan(target, workload, pinned));
        }
        return plans.stream().map(plan -> apply(plan, pinned)).toList();
    }

    /**
     * Sets {@code image} as {@link #update(WorkloadTarget, ImageReference)} does, then waits up to {@code wait}'s
     * timeout for every updated workload to roll out.
     *
     * @return one result per workload, sorted by name; updated ones end {@code ROLLED_OUT}, {@code TIMED_OUT} or
     *     {@code FAILED}
     * @throws InterruptedException if the wait is interrupted; the images stay written
     */
    public List<WorkloadResult> update(WorkloadTarget target, ImageReference image, RolloutWait wait)
            throws WorkloadException, InterruptedException {
        Objects.requireNonNull(wait, "wait");
        return waiter.awaitAll(update(target, image), wait);
    }

    private static ImageReference pin(ImageReference image) {
        Objects.requireNonNull(image, "image");
        return image.withDigest(image.digest()
                .orElseThrow(() -> new IllegalArgumentException("image " + image
                        + " has no digest; resolve the tag to a digest first so every pod runs the same image")));
    }

    private record Plan(WorkloadKind kind, String namespace, String name, List<ContainerMatch> matches) {}

    private static Plan plan(WorkloadTarget target, HasMetadata workload, ImageReference pinned)
            throws WorkloadException {
        WorkloadKind kind = target.kind();
        String name = workload.getMetadata().getName();
        String where = kind + " " + target.namespace() + "/" + name;
        var podSpec = kind.podSpec(workload)
                .orElseThrow(() -> new WorkloadException(
                        kind, target.namespace(), name, where + " has no pod template to set an image in"));
        List<ContainerMatch> matches = ContainerMatcher.match(podSpec, target.container(), pinned);
        if (matches.isEmpty()) {
            String wanted = target.containerName()
                    .map(c -> "no container or init container named '" + c + "'")
                    .orElse("no container or init container running an image of " + pinned.name());
            throw new WorkloadException(
                    kind,
                    target.namespace(),
                    name,
                    where + " has " + wanted + "; its containers are " + ContainerMatcher.describe(podSpec)
                            + (target.container() == null
                                    ? ". Name the container to set its image whatever it runs now"
                                    : ""));
        }
        return new Plan(kind, target.namespace(), name, matches);
    }

    private WorkloadResult apply(Plan plan, ImageReference pinned) {
        String image = pinned.toString();
        Map<String, String> previous = new LinkedHashMap<>();
        List<ContainerMatch> changes = new ArrayList<>();
        for (ContainerMatch match : plan.matches()) {
            previous.put(match.name(), match.image());
            if (!ContainerMatcher.alreadyPinned(match.image(), pinned)) {
                changes.add(match);
            }
        }
        if (changes.isEmpty()) {
            return new WorkloadResult(
                    plan.kind(), plan.namespace(), plan.name(), image, List.of(), previous, Outcome.UNCHANGED, "");
        }
        List<String> changed = changes.stream().map(ContainerMatch::name).toList();
        try {
            api.patch(
                    plan.kind(),
                    plan.namespace(),
                    plan.name(),
                    ImagePatch.of(plan.kind().podSpecPointer(), changes, image));
        } catch (KubernetesClientException e) {
            return new WorkloadResult(
                    plan.kind(),
                    plan.namespace(),
                    plan.name(),
                    image,
                    List.of(),
                    previous,
                    Outcome.FAILED,
                    "patch refused: " + e.getMessage());
        }
        return new WorkloadResult(
                plan.kind(), plan.namespace(), plan.name(), image, changed, previous, Outcome.UPDATED, "");
    }
}
