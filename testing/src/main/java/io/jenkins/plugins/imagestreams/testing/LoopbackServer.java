package io.jenkins.plugins.imagestreams.testing;

import org.junit.rules.ExternalResource;

/**
 * A server a test starts on loopback: a JUnit rule ({@code @Rule}/{@code @ClassRule}: started before, closed after),
 * or a resource for try-with-resources after {@link #start()}.
 */
abstract class LoopbackServer extends ExternalResource implements AutoCloseable {
    /** Starts the server if it is not running yet, and returns it. */
    public abstract LoopbackServer start();

    /** Stops the server and removes what it left behind. Idempotent. */
    @Override
    public abstract void close();

    @Override
    protected final void before() {
        start();
    }

    @Override
    protected final void after() {
        close();
    }
}
