package io.jenkins.plugins.imagestreams.promote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key, kept only while someone holds or waits for it: the entry of a key is removed when its last holder
 * or waiter leaves, so the map does not grow with every key ever locked.
 */
final class KeyedLocks {
    /** A lock and the number of threads holding or waiting for it, changed only inside the map's per-key compute. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** A held lock. */
    interface Held {
        /** Releases the lock; only the thread that took it may, and only once. */
        void release();
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Waits for the lock of {@code key}, as {@link ReentrantLock#lockInterruptibly()}.
     *
     * @return the held lock, to be released by the same thread
     * @throws InterruptedException if interrupted while waiting; the lock is not held then
     */
    Held lock(String key) throws InterruptedException {
        Entry entry = entries.compute(key, (k, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        try {
            entry.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            leave(key);
            throw e;
        }
        return () -> {
            entry.lock.unlock();
            leave(key);
        };
    }

    private void leave(String key) {
        entries.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
    }

    /** How many keys are held or waited for now. */
    int size() {
        return entries.size();
    }
}
