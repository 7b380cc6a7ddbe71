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
 * Runs one {@link BlobTransfer} per blob, at most {@code parallelism} at once on the given executor. The first failure
 * stops the workers from taking new blobs (those under way finish) and is thrown once all have stopped.
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

    Tally run(List<Descriptor> blobs, BlobTransfer transfer, CopyListener listener)
            throws RegistryException, InterruptedException {
        Queue<Descriptor> queue = new ConcurrentLinkedQueue<>(blobs);
        Map<BlobOutcome, Integer> counts = new EnumMap<>(BlobOutcome.class);
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int workers = Math.min(parallelism, blobs.size());
        CountDownLatch done = new CountDownLatch(workers);
        Runnable worker = () -> {
            try {
                Descriptor blob;
                while (failure.get() == null && (blob = queue.poll()) != null) {
                    BlobOutcome outcome = transfer.transfer(blob);
                    synchronized (counts) {
                        counts.merge(outcome, 1, Integer::sum);
                    }
                    if (outcome == BlobOutcome.UPLOADED) {
                        bytes.addAndGet(blob.size());
                    }
                    listener.blobDone(blob, outcome);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                done.countDown();
            }
        };
        for (int i = 0; i < workers; i++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException e) {
                failure.compareAndSet(null, e);
                for (int left = i; left < workers; left++) {
                    done.countDown();
                }
                break;
            }
        }
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
