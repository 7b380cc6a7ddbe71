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
            if (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RegistryException registry) {
                throw registry;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a registry lookup failed: " + cause, cause);
        }
    }
}
