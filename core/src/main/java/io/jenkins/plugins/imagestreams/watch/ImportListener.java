package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.stream.StreamName;

/**
 * Told about every import a {@link Watcher} ran, scheduled or requested by a notification, after the importer saved
 * it and delivered its events. For status lines and counters; {@link
 * io.jenkins.plugins.imagestreams.events.ImageChangeListener} is the place to act on a change.
 */
@FunctionalInterface
public interface ImportListener {
    /**
     * Called on the import's thread; must return quickly and not throw (a throw is reported and ignored).
     *
     * @param stream the stream imported into
     * @param tag the tag imported
     * @param result unchanged, changed or failed (a failure is also recorded in the tag's conditions)
     */
    void imported(StreamName stream, String tag, ImportResult result);

    /** Ignores everything. */
    static ImportListener none() {
        return (stream, tag, result) -> {};
    }
}
