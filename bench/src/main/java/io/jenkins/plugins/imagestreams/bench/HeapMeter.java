package io.jenkins.plugins.imagestreams.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap measurements in MiB: live heap after a full collection; the highest used heap sampled meanwhile, garbage
 * included (how large the collector let the young generation grow, which depends on {@code -Xmx} as much as on the
 * work); and the highest heap left after any collection meanwhile, which is what the work holds and the heap must fit.
 */
final class HeapMeter implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final double MIB = 1024.0 * 1024.0;
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    private final Thread sampler;
    private final NotificationListener collections = this::collected;
    private volatile boolean sampling = true;
    private volatile long peak;
    private volatile long peakAfterCollection;

    /** Starts sampling the used heap every 20 ms, and reading the heap left after each collection. */
    HeapMeter() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(collections, null, null);
        }
        sampler = new Thread(this::sample, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void collected(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo();
            afterCollection(info.getMemoryUsageAfterGc());
        }
    }

    private synchronized void afterCollection(Map<String, MemoryUsage> pools) {
        long used = pools.entrySet().stream()
                .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
        peakAfterCollection = Math.max(peakAfterCollection, used);
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

    /**
     * The most heap left after any collection so far (MiB): what the measured work held at its fullest, garbage the
     * collector had not reached yet included; 0 when no collection ran.
     */
    double peakAfterCollectionMib() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean withInfo
                    && withInfo.getLastGcInfo() != null) {
                afterCollection(withInfo.getLastGcInfo().getMemoryUsageAfterGc());
            }
        }
        return peakAfterCollection / MIB;
    }

    /** The heap still in use after full collections: what the caller holds, MiB. */
    static double liveMib() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed() / MIB;
    }

    @Override
    public void close() throws Exception {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).removeNotificationListener(collections);
        }
        sampling = false;
        sampler.join();
    }
}
