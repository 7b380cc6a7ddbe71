package io.jenkins.plugins.imagestreams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The live heap a task needs: a sampler thread forces a collection and reads the used heap every few milliseconds
 * while the task runs; the peak minus the idle value (after a collection before the task) is the answer.
 */
final class HeapPeak {
    private static final long SAMPLE_MILLIS = 20;

    private HeapPeak() {}

    /** Runs {@code task} and returns the peak of the used heap after collection above idle, in bytes. */
    static long during(Timing.Body task) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long idle = usedAfterGc(memory);
        long[] peak = {idle};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], usedAfterGc(memory));
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try {
            task.run();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return Math.max(0, peak[0] - idle);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
