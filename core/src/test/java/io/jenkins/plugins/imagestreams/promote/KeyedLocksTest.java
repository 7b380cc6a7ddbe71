package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

public class KeyedLocksTest {
    private final KeyedLocks locks = new KeyedLocks();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void oneHolderPerKeyAtATime() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        int[] unguarded = {0};
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(executor.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    KeyedLocks.Held held = locks.lock("app-prod/myapp:latest");
                    try {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        unguarded[0]++;
                        Thread.yield();
                        inside.decrementAndGet();
                    } finally {
                        held.release();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }

        assertThat(mostInside).hasValue(1);
        assertThat(unguarded[0]).isEqualTo(8 * 200);
    }

    @Test
    public void aWaiterGetsTheLockOnlyOnceTheHolderReleasesIt() throws Exception {
        KeyedLocks.Held held = locks.lock("a");
        CountDownLatch acquired = new CountDownLatch(1);
        Future<?> waiter = executor.submit(() -> {
            locks.lock("a").release();
            acquired.countDown();
            return null;
        });

        assertThat(acquired.await(200, TimeUnit.MILLISECONDS)).isFalse();
        held.release();
        assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.get(10, TimeUnit.SECONDS);
    }

    @Test
    public void differentKeysDoNotWaitForEachOther() throws Exception {
        KeyedLocks.Held a = locks.lock("app-prod/myapp:latest");
        try {
            Future<?> other = executor.submit(() -> {
                locks.lock("app-prod/other:latest").release();
                return null;
            });

            other.get(10, TimeUnit.SECONDS);
        } finally {
            a.release();
        }
    }

    @Test
    public void noEntryIsLeftOnceEveryHolderAndWaiterHasLeft() throws Exception {
        for (int i = 0; i < 100; i++) {
            locks.lock("stream-" + i + ":latest").release();
        }
        assertThat(locks.size()).isZero();

        KeyedLocks.Held held = locks.lock("a");
        Thread waiter = new Thread(() -> {
            try {
                locks.lock("a").release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        awaitBlocked(waiter);
        assertThat(locks.size()).isEqualTo(1);

        held.release();
        waiter.join(10_000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(locks.size()).isZero();
    }

    @Test
    public void anInterruptedWaiterLeavesWithoutTheLockAndWithoutAnEntry() throws Exception {
        KeyedLocks.Held held = locks.lock("a");
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                locks.lock("a").release();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        waiter.start();
        awaitBlocked(waiter);

        waiter.interrupt();
        waiter.join(10_000);
        assertThat(interrupted).isTrue();
        held.release();

        assertThat(locks.size()).isZero();
        executor.submit(() -> {
                    locks.lock("a").release();
                    return null;
                })
                .get(10, TimeUnit.SECONDS);
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("%s waits for the lock", thread).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
