package io.jenkins.plugins.imagestreams.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} as the credential helper protocol says: the server URL on standard input,
 * a JSON object {@code {ServerURL, Username, Secret}} on standard output, and on failure a message on standard output
 * with a non-zero exit. A user name of {@code <token>} marks the secret as an identity token.
 *
 * @see <a href="https://github.com/docker/docker-credential-helpers#development">the protocol</a>
 */
final class CredentialHelper {
    private static final int MAX_OUTPUT = 64 * 1024;
    /** What the helpers of docker-credential-helpers print when they hold nothing for the server. */
    private static final String NOT_FOUND = "credentials not found in native keychain";

    private final String program;
    private final Map<String, String> env;
    private final Duration timeout;

    /**
     * @param name the helper's name as {@code credHelpers} and {@code credsStore} give it ({@code ecr-login})
     * @param env the environment it runs with; its {@code PATH} is searched for the program
     */
    CredentialHelper(String name, Map<String, String> env, Duration timeout) {
        this.program = "docker-credential-" + name;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    String program() {
        return program;
    }

    /**
     * The credentials the helper holds for {@code serverUrl}, or empty when it holds none.
     *
     * @throws CredentialsUnavailableException when the helper is not on {@code PATH}, fails, answers with something
     *     other than the protocol's JSON, or does not finish in time
     */
    Optional<Credentials> get(String serverUrl) {
        Path executable =
                find().orElseThrow(() -> failure("is not on PATH (" + env.getOrDefault("PATH", "") + ")", null));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(), "get"));
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw failure("cannot be started: " + e.getMessage(), e);
        }
        Drain out = Drain.start(process.getInputStream());
        Drain err = Drain.start(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The helper may exit without reading its input; its exit status says what happened.
        }
        int exit;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw failure("did not answer within " + timeout.toSeconds() + " s for " + serverUrl, null);
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure("was interrupted", e);
        }
        String stdout = out.text();
        if (exit != 0) {
            String message = firstLine(stdout.isBlank() ? err.text() : stdout);
            if (message.equals(NOT_FOUND)) {
                return Optional.empty();
            }
            throw failure("failed for " + serverUrl + " (exit " + exit + "): " + message, null);
        }
        return parse(stdout, serverUrl);
    }

    private Optional<Credentials> parse(String stdout, String serverUrl) {
        JsonNode answer;
        try {
            answer = JsonTrees.read(stdout);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            // The output is not shown: it may hold a secret.
            throw failure(
                    "answered for " + serverUrl + " with something other than the protocol's JSON object"
                            + " {\"ServerURL\", \"Username\", \"Secret\"}",
                    null);
        }
        String username = answer.path("Username").asText("");
        String secret = answer.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                Credentials.IDENTITY_TOKEN_USER.equals(username)
                        ? Credentials.identityToken(secret)
                        : new Credentials(username, secret));
    }

    private Optional<Path> find() {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private CredentialsUnavailableException failure(String what, Throwable cause) {
        return new CredentialsUnavailableException("credential helper " + program + " " + what, cause);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("no message");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public String toString() {
        return program;
    }

    /** Reads a stream to its end (up to {@link #MAX_OUTPUT} bytes) on its own thread, so the helper never blocks. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream stream) {
            this.thread = new Thread(() -> copy(stream), "credential-helper-output");
            thread.setDaemon(true);
        }

        static Drain start(InputStream stream) {
            Drain drain = new Drain(stream);
            drain.thread.start();
            return drain;
        }

        private void copy(InputStream stream) {
            try (stream) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        if (bytes.size() < MAX_OUTPUT) {
                            bytes.write(buffer, 0, Math.min(n, MAX_OUTPUT - bytes.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended or was killed: what was read is what it said.
            }
        }

        /** What was read, after waiting briefly for the rest (a helper's child may hold the stream open). */
        String text() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
