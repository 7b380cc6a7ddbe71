package io.jenkins.plugins.imagestreams.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on processes the tests start: for a condition, a file's lines, a free loopback port. */
final class Polling {
    private Polling() {}

    /**
     * Polls {@code condition} every 100 ms until it holds.
     *
     * @throws AssertionError after {@code limit}, naming {@code what} and showing {@code context}
     * @return how long it took
     */
    static Duration waitFor(BooleanSupplier condition, String what, Duration limit, Supplier<String> context)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; " + context.get());
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The lines of {@code file}; none while it does not exist. */
    static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    /** What {@code file} holds; empty while it does not exist or cannot be read. */
    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A loopback port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
