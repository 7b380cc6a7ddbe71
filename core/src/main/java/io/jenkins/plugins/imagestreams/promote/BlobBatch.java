package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyListener.BlobOutcome;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one {@link BlobTransfer} per blob, at most {@code parallelism} at once on the given executor. A worker moves
 * one blob a task and then queues itself again, so other work given to the executor meanwhile (the lookups of a
 * copy's attachments, another copy's blobs) takes its turn between blobs rather than after the whole batch. The first
 * failure stops the workers from taking new blobs (those under way finish) and is thrown once all have stopped.
 */
final class BlobBatch {
    /** Outcome counts and the bytes of the uploaded blobs. */
    record Tally(Map<BlobOutcome, Integer> counts, long bytesUploaded) {
        int count(BlobOutcome outcome) {
            return counts.getOrDefault(outcome, 0);
        }

        /** The outcomes of both tallies, added up. */
        Tally plus(Tally other) {
            Map<BlobOutcome, Integer> sum = new EnumMap<>(BlobOutcome.class);
            counts.forEach((outcome, count) -> sum.merge(outcome, count, Integer::sum));
            other.counts.forEach((outcome, count) -> sum.merge(outcome, count, Integer::sum));
            return new Tally(sum, bytesUploaded + other.bytesUploaded);
        }
    }

    private final Executor executor;
    private final int parallelism;

    BlobBatch(Executor executor, int parallelism) {
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** Moves {@code blobs} and returns once all have moved, or the first failure once the workers have stopped. */
    Tally run(List<Descriptor> blobs, BlobTransfer transfer, CopyListener listener)
            throws RegistryException, InterruptedException {
        return start(blobs, transfer, listener).await();
    }

    /** Starts moving {@code blobs} and returns at once; {@link Running#await()} waits for the end. */
    Running start(List<Descriptor> blobs, BlobTransfer transfer, CopyListener listener) {
        Running running = new Running(blobs, transfer, listener, Math.min(parallelism, blobs.size()));
        running.launch();
        return running;
    }

    /** A batch under way. */
    final class Running {
        private final Queue<Descriptor> queue;
        private final BlobTransfer transfer;
        private final CopyListener listener;
        private final int workers;
        private final CountDownLatch done;
        private final Map<BlobOutcome, Integer> counts = new EnumMap<>(BlobOutcome.class);
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Running(List<Descriptor> blobs, BlobTransfer transfer, CopyListener listener, int workers) {
            this.queue = new ConcurrentLinkedQueue<>(blobs);
            this.transfer = transfer;
            this.listener = listener;
            this.workers = workers;
            this.done = new CountDownLatch(workers);
        }

        private void launch() {
            for (int i = 0; i < workers; i++) {
                if (!submit()) {
                    for (int left = i + 1; left < workers; left++) {
                        done.countDown();
                    }
                    return;
                }
            }
        }

        /** Queues one worker's next task; false, with the worker ended, when the executor refuses it. */
        private boolean submit() {
            try {
                executor.execute(this::next);
                return true;
            } catch (RejectedExecutionException e) {
                stop(e);
                return false;
            }
        }

        /** One worker's task: moves the next blob, then queues the worker again; ends it when none is left. */
        private void next() {
            Descriptor blob = failure.get() == null ? queue.poll() : null;
            if (blob == null) {
                done.countDown();
                return;
            }
            try {
                BlobOutcome outcome = transfer.transfer(blob);
                synchronized (counts) {
                    counts.merge(outcome, 1, Integer::sum);
                }
                if (outcome == BlobOutcome.UPLOADED) {
                    bytes.addAndGet(blob.size());
                }
                listener.blobDone(blob, outcome);
            } catch (Throwable t) {
                stop(t);
                return;
            }
            submit();
        }

        private void stop(Throwable cause) {
            failure.compareAndSet(null, cause);
            done.countDown();
        }

        /**
         * Stops the workers from taking new blobs, because {@code cause} ended the copy elsewhere, and waits for the
         * blobs under way; their own failures are dropped.
         */
        void abandon(Throwable cause) throws InterruptedException {
            failure.compareAndSet(null, cause);
            done.await();
        }

        /** The tally once every blob has moved, or the first failure once the workers have stopped. */
        Tally await() throws RegistryException, InterruptedException {
            try {
                done.await();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                throw e;
            }
            Lookups.rethrow(failure.get());
            synchronized (counts) {
                return new Tally(new EnumMap<>(counts), bytes.get());
            }
        }
    }
}
