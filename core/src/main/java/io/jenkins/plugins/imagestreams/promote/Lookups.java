package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Registry reads run on an executor so that several are under way at once, each failing with its own
 * {@link RegistryException}. A lookup never waits for another, so a small or single-threaded executor cannot
 * deadlock.
 */
final class Lookups {
    /** One read, or a few in a row. */
    @FunctionalInterface
    interface Lookup<T> {
        T run() throws RegistryException;
    }

    private final Executor executor;

    Lookups(Executor executor) {
        this.executor = executor;
    }

    /** Starts {@code lookup} on the executor. */
    <T> CompletableFuture<T> start(Lookup<T> lookup) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return lookup.run();
                    } catch (RegistryException e) {
                        throw new CompletionException(e);
                    }
                },
                executor);
    }

    /** The lookup's result once it is done, or the failure it ended with. */
    static <T> T join(CompletableFuture<T> lookup) throws RegistryException, InterruptedException {
        try {
            return lookup.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            rethrow(cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause);
            throw new IllegalStateException("a registry lookup failed without a cause", e);
        }
    }

    /**
     * Throws {@code failure}, which ended work done on an executor, as the caller's own: a {@link RegistryException},
     * an interruption or an unchecked throwable as it is, anything else wrapped; does nothing for {@code null}.
     */
    static void rethrow(Throwable failure) throws RegistryException, InterruptedException {
        if (failure == null) {
            return;
        }
        if (failure instanceof RegistryException e) {
            throw e;
        }
        if (failure instanceof InterruptedException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("work on the executor failed: " + failure, failure);
    }
}
