package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.importing.TagImporter;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * Wraps the importer the scheduler calls: counts the imports in flight so {@link #stop} can wait for them to save,
 * refuses to start new ones once stopped, and tells the {@link ImportListener}.
 */
final class ImportTracker implements TagImporter {
    private final TagImporter importer;
    private final ImportListener listener;
    private final BiConsumer<String, Exception> problems;
    private int inFlight;
    private boolean stopped;

    ImportTracker(TagImporter importer, ImportListener listener, BiConsumer<String, Exception> problems) {
        this.importer = importer;
        this.listener = listener;
        this.problems = problems;
    }

    @Override
    public ImportResult importTag(StreamName stream, String tag) {
        return importTags(stream, List.of(tag)).get(tag);
    }

    /**
     * Imports {@code tags} and tells the listener of each. An exception is reported to the problems only for a single
     * tag: when several fail together, the scheduler imports each alone next, whose failures are reported then, each
     * once and with its tag.
     */
    @Override
    public Map<String, ImportResult> importTags(StreamName stream, List<String> tags) {
        synchronized (this) {
            if (stopped) {
                throw new CancellationException("the watcher is stopping; " + stream + ":" + String.join(", ", tags)
                        + (tags.size() == 1 ? " is" : " are") + " not imported");
            }
            inFlight++;
        }
        try {
            Map<String, ImportResult> results = importer.importTags(stream, tags);
            results.forEach((tag, result) -> tell(stream, tag, result));
            return results;
        } catch (RuntimeException e) {
            if (tags.size() == 1) {
                problems.accept("import of " + stream + ":" + tags.get(0) + " failed: " + e.getMessage(), e);
            }
            throw e;
        } finally {
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    private void tell(StreamName stream, String tag, ImportResult result) {
        try {
            listener.imported(stream, tag, result);
        } catch (RuntimeException e) {
            problems.accept("import listener failed for " + stream + ":" + tag + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses further imports and waits until the running ones have returned (saved and delivered their events).
     *
     * @return whether they all returned within {@code timeout}
     */
    synchronized boolean stop(Duration timeout) throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
