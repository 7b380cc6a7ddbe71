package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.List;
import java.util.Map;

/**
 * What applying stream definitions did.
 *
 * @param changed the streams created or whose spec changed
 * @param released tags the owner defined before but no longer does: their spec is gone (no imports, gates or
 *     workloads), their history stays
 * @param problems definitions that could not be applied, by stream, with the reason; the others still applied
 */
public record ApplyResult(
        List<StreamName> changed, List<TagSource.ImageStreamTag> released, Map<StreamName, String> problems) {
    public ApplyResult {
        changed = List.copyOf(changed);
        released = List.copyOf(released);
        problems = Map.copyOf(problems);
    }
}
