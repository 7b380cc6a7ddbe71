package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What keeping a tag's workloads in step did for one of its digests, kept in the tag's status beside its history.
 *
 * @param image the tag's digest the workloads were set to
 * @param dockerImageReference the pinned pull spec written into them (the tag's reference policy applied)
 * @param time when the update ran
 * @param workloads one result per workload; a workload that could not be found or set is a {@code FAILED} result
 */
public record WorkloadUpdateRecord(
        Digest image, String dockerImageReference, Instant time, List<WorkloadResult> workloads) {
    public WorkloadUpdateRecord {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(dockerImageReference, "dockerImageReference");
        Objects.requireNonNull(time, "time");
        workloads = List.copyOf(workloads);
    }

    /** Whether every workload was updated, rolled out or already ran the image. */
    public boolean succeeded() {
        return workloads.stream().allMatch(WorkloadResult::isSuccess);
    }
}
