package io.jenkins.plugins.imagestreams.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (openssl, htpasswd, skopeo) with a timeout and captures its output. */
final class Commands {
    private Commands() {}

    /** What a finished command left behind. */
    record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
        @Override
        public String toString() {
            return "Result[" + redact(command) + " exited " + exitCode + "]";
        }

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Returns this result if the command exited 0, otherwise throws with its stderr. */
        Result orThrow() {
            if (exitCode != 0) {
                throw new IllegalStateException(
                        "command " + redact(command) + " exited with " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }

    /**
     * Runs {@code command}, waiting at most {@code timeout}.
     *
     * @throws IllegalStateException if it cannot start or runs out of time (it is then killed)
     */
    static Result run(Duration timeout, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + redact(command) + ": " + e.getMessage(), e);
        }
        StreamCollector out = StreamCollector.start(process.getInputStream());
        StreamCollector err = StreamCollector.start(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("command " + redact(command) + " did not finish within " + timeout
                        + "; stderr so far: " + new String(err.bytes(), StandardCharsets.UTF_8).strip());
            }
            return new Result(
                    List.copyOf(command),
                    process.exitValue(),
                    out.bytes(),
                    new String(err.bytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + redact(command), e);
        }
    }

    /** The command as it may appear in messages: credentials after {@code --*creds} and htpasswd passwords hidden. */
    static List<String> redact(List<String> command) {
        List<String> shown = new java.util.ArrayList<>(command);
        for (int i = 0; i < shown.size(); i++) {
            String arg = shown.get(i);
            if (arg.endsWith("creds") && arg.startsWith("--") && i + 1 < shown.size()) {
                String value = shown.get(i + 1);
                int colon = value.indexOf(':');
                shown.set(i + 1, (colon < 0 ? value : value.substring(0, colon)) + ":****");
            } else if (arg.startsWith("--") && arg.contains("creds=")) {
                shown.set(i, arg.substring(0, arg.indexOf('=') + 1) + "****");
            }
        }
        if (!shown.isEmpty() && shown.get(0).endsWith("htpasswd")) {
            shown.set(shown.size() - 1, "****");
        }
        return shown;
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    /** Drains a process stream on its own thread so the process never blocks on a full pipe. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private StreamCollector(InputStream in) {
            thread = new Thread(
                    () -> {
                        try (in) {
                            in.transferTo(buffer);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    "command-output");
            thread.setDaemon(true);
        }

        static StreamCollector start(InputStream in) {
            StreamCollector collector = new StreamCollector(in);
            collector.thread.start();
            return collector;
        }

        byte[] bytes() throws InterruptedException {
            thread.join(5_000);
            synchronized (buffer) {
                return buffer.toByteArray();
            }
        }
    }
}
