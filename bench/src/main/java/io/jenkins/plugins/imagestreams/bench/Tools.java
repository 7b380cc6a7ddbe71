package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the peers and floors (curl, skopeo) as processes. */
final class Tools {
    private Tools() {}

    /** The first line a tool prints about its version, or "not installed". */
    static String version(String tool, String flag) {
        try {
            return run(List.of(tool, flag), 30)
                    .lines()
                    .findFirst()
                    .orElse("unknown")
                    .trim();
        } catch (IOException e) {
            return "not installed";
        }
    }

    /**
     * Runs {@code command}, waits at most {@code timeoutSeconds}, and returns its standard output.
     *
     * @throws IOException if it cannot start, times out or exits non-zero (with its standard error)
     */
    static String run(List<String> command, long timeoutSeconds) throws IOException {
        return run(command, Map.of(), timeoutSeconds);
    }

    /** {@link #run(List, long)} with {@code env} added to this process's environment. */
    static String run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " took longer than " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command.get(0) + " exited " + process.exitValue() + ": "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }
}
