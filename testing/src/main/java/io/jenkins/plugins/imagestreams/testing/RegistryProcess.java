package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** One running {@code docker-registry serve CONFIG} child process, stopped by its own handle, never by name. */
final class RegistryProcess {
    static final String BINARY = "docker-registry";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Thread shutdownHook;

    private RegistryProcess(Process process) {
        this.process = process;
        // A JVM that exits without running the test's cleanup must not leave a registry behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "registry-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the registry and waits until {@code /v2/} answers 200 or 401.
     *
     * @throws IllegalStateException with the registry's log if it exits or does not answer in time
     */
    static RegistryProcess start(Path config, Path log, URI base, SSLContext sslContext) {
        Process process;
        try {
            process = new ProcessBuilder(BINARY, "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + ": " + e.getMessage(), e);
        }
        RegistryProcess registry = new RegistryProcess(process);
        try {
            registry.awaitReady(base, sslContext, log);
        } catch (RuntimeException e) {
            registry.stop();
            throw e;
        }
        return registry;
    }

    private void awaitReady(URI base, SSLContext sslContext, Path log) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        HttpClient client = builder.build();
        HttpRequest probe = HttpRequest.newBuilder(base.resolve("/v2/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry exited with " + process.exitValue()
                        + " before answering on " + base + "; its log:\n" + read(log));
            }
            try {
                int status = client.send(probe, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
                lastProblem = "GET /v2/ answered " + status;
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            sleep(20);
        }
        throw new IllegalStateException("the registry on " + base + " was not ready within " + READY_TIMEOUT + " ("
                + lastProblem + "); its log:\n" + read(log));
    }

    /** Stops the process: SIGTERM, then SIGKILL if it has not exited after a few seconds. Idempotent. */
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the registry", e);
        }
    }
}
