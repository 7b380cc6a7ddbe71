package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One line of copy progress on a terminal, rewritten in place: layers done and bytes moved. */
final class CopyProgress implements CopyListener {
    private final PrintWriter err;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile int blobs;
    private volatile long total;
    private volatile long lastPrint;

    CopyProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(int blobCount, long byteCount) {
        blobs = blobCount;
        total = byteCount;
        print();
    }

    @Override
    public void bytesTransferred(long count) {
        bytes.addAndGet(count);
        long now = System.nanoTime();
        if (now - lastPrint > 200_000_000L) {
            lastPrint = now;
            print();
        }
    }

    @Override
    public void blobDone(Descriptor blob, BlobOutcome outcome) {
        done.incrementAndGet();
        print();
    }

    void finish() {
        print();
        synchronized (err) {
            err.println();
            err.flush();
        }
    }

    private void print() {
        synchronized (err) {
            err.print("\rcopying: " + done.get() + "/" + blobs + " blobs, " + bytes(bytes.get()) + " of " + bytes(total)
                    + "   ");
            err.flush();
        }
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        if (count < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", count / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", count / (1024.0 * 1024));
    }
}
