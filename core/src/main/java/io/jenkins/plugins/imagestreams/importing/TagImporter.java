package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Imports stream tags now: what the {@link ImportScheduler} calls, implemented by {@link Importer}. */
@FunctionalInterface
public interface TagImporter {
    /**
     * Imports {@code tag} of {@code stream}, stores the outcome and returns it. Failures of the import itself are a
     * {@link ImportResult.Failed}; an exception means something else broke (the store), and is treated as a failure.
     */
    ImportResult importTag(StreamName stream, String tag);

    /**
     * Imports {@code tags} of {@code stream} together, each as {@link #importTag} would, and returns their outcomes by
     * tag: the {@link Importer} reads the stream once for them all and saves it at most once. An exception ends them
     * all; the scheduler then imports each of them alone, so that one tag that cannot be imported (dropped from the
     * stream since it was scheduled) fails alone, and each failure is seen with its own tag.
     *
     * <p>By default, one {@link #importTag} after the other.
     */
    default Map<String, ImportResult> importTags(StreamName stream, List<String> tags) {
        Map<String, ImportResult> results = new LinkedHashMap<>();
        for (String tag : tags) {
            results.put(tag, importTag(stream, tag));
        }
        return results;
    }
}
