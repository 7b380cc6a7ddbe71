package io.jenkins.plugins.imagestreams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap measurements in MiB: live heap after a full collection, and the highest used heap sampled meanwhile. */
final class HeapMeter implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final double MIB = 1024.0 * 1024.0;

    private final Thread sampler;
    private volatile boolean sampling = true;
    private volatile long peak;

    /** Starts sampling the used heap every 20 ms. */
    HeapMeter() {
        sampler = new Thread(this::sample, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (sampling) {
            peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The highest used heap seen so far (garbage included), MiB. */
    double peakMib() {
        return Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed()) / MIB;
    }

    /** The heap still in use after full collections: what the caller holds, MiB. */
    static double liveMib() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed() / MIB;
    }

    @Override
    public void close() throws InterruptedException {
        sampling = false;
        sampler.join();
    }
}
