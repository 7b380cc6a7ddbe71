package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.stream.StreamName;

/** Imports one stream tag now: what the {@link ImportScheduler} calls, implemented by {@link Importer}. */
@FunctionalInterface
public interface TagImporter {
    /**
     * Imports {@code tag} of {@code stream}, stores the outcome and returns it. Failures of the import itself are a
     * {@link ImportResult.Failed}; an exception means something else broke (the store), and is treated as a failure.
     */
    ImportResult importTag(StreamName stream, String tag);
}
