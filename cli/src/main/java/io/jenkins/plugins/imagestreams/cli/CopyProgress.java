package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import java.io.PrintWriter;
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
    public void attachmentBlobs(int blobCount, long byteCount) {
        blobs += blobCount;
        total += byteCount;
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

    /**
     * {@code count} bytes as people read them: {@code 512 B}, {@code 1.5 KiB}, {@code 100.0 MiB}, one decimal rounded
     * half up. Written out rather than with {@code String.format}, whose first call loads the JDK's locale data: some
     * 10 ms at the end of every copy.
     */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        return count < 1024 * 1024 ? tenths(count, 1024) + " KiB" : tenths(count, 1024 * 1024) + " MiB";
    }

    /**
     * {@code count / unit} with one decimal, rounded half up: exact below 2^53 / 10 bytes, {@code unit} being a power
     * of two.
     */
    private static String tenths(long count, long unit) {
        long tenths = Math.round(count * 10.0 / unit);
        return tenths / 10 + "." + tenths % 10;
    }
}
