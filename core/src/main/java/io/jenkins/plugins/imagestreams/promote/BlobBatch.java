package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyListener.BlobOutcome;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one {@link BlobTransfer} per blob, at most {@code parallelism} at once on the given executor. A worker moves
 * one blob a task and then queues itself again, so other work given to the executor meanwhile (the lookups of a
 * copy's attachments, another copy's blobs) takes its turn between blobs rather than after the whole batch. Blobs
 * found while the batch runs join it ({@link Running#add}). The first failure stops the workers from taking new blobs
 * (those under way finish) and is thrown once all have stopped.
 */
final class BlobBatch {
    /** Outcome counts and the bytes of the uploaded blobs. */
    record Tally(Map<BlobOutcome, Integer> counts, long bytesUploaded) {
        int count(BlobOutcome outcome) {
            return counts.getOrDefault(outcome, 0);
        }
    }

    private final Executor executor;
    private final int parallelism;

    BlobBatch(Executor executor, int parallelism) {
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** Starts moving {@code blobs} and returns at once; {@link Running#await()} waits for the end. */
    Running start(List<Descriptor> blobs, BlobTransfer transfer, CopyListener listener) {
        Running running = new Running(transfer, listener);
        running.add(blobs);
        return running;
    }

    /** A batch under way. Its state is guarded by its own monitor. */
    final class Running {
        private final BlobTransfer transfer;
        private final CopyListener listener;
        private final Queue<Descriptor> queue = new ArrayDeque<>();
        private final Map<BlobOutcome, Integer> counts = new EnumMap<>(BlobOutcome.class);
        private long bytesUploaded;
        private int workers;
        private Throwable failure;

        private Running(BlobTransfer transfer, CopyListener listener) {
            this.transfer = transfer;
            this.listener = listener;
        }

        /** Adds {@code blobs} to the batch, starting workers for them up to the batch's parallelism. */
        void add(List<Descriptor> blobs) {
            int starting;
            synchronized (this) {
                queue.addAll(blobs);
                starting = Math.min(parallelism - workers, queue.size());
                workers += starting;
            }
            for (int i = 0; i < starting; i++) {
                submit();
            }
        }

        /** Queues one worker's next task; the worker ends, failing the batch, when the executor refuses it. */
        private void submit() {
            try {
                executor.execute(this::next);
            } catch (RejectedExecutionException e) {
                end(e);
            }
        }

        /** One worker's task: moves the next blob, then queues the worker again; ends it when none is left. */
        private void next() {
            Descriptor blob;
            synchronized (this) {
                blob = failure == null ? queue.poll() : null;
                if (blob == null) {
                    end(null);
                    return;
                }
            }
            try {
                BlobOutcome outcome = transfer.transfer(blob);
                synchronized (this) {
                    counts.merge(outcome, 1, Integer::sum);
                    if (outcome == BlobOutcome.UPLOADED) {
                        bytesUploaded += blob.size();
                    }
                }
                listener.blobDone(blob, outcome);
            } catch (Throwable t) {
                end(t);
                return;
            }
            submit();
        }

        /** Ends one worker, with the failure that ended it, if any. */
        private synchronized void end(Throwable cause) {
            fail(cause);
            workers--;
            notifyAll();
        }

        /** Keeps {@code cause} as the batch's failure unless it has one already; null changes nothing. */
        private synchronized void fail(Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
        }

        /**
         * Stops the workers from taking new blobs, because {@code cause} ended the copy elsewhere, and waits for the
         * blobs under way; their own failures are dropped.
         */
        synchronized void abandon(Throwable cause) throws InterruptedException {
            fail(cause);
            while (workers > 0) {
                wait();
            }
        }

        /** The tally once every blob has moved, or the first failure once the workers have stopped. */
        Tally await() throws RegistryException, InterruptedException {
            Throwable failed;
            Tally tally;
            synchronized (this) {
                try {
                    while (workers > 0) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    fail(e);
                    throw e;
                }
                failed = failure;
                tally = new Tally(new EnumMap<>(counts), bytesUploaded);
            }
            Lookups.rethrow(failed);
            return tally;
        }
    }
}
