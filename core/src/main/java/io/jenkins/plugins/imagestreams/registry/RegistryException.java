package io.jenkins.plugins.imagestreams.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry request that failed, with the spec's {@link ErrorCode}, the HTTP status ({@code 0} when no response
 * arrived) and the action that was attempted. The message says what happened and what to do; it never holds a secret.
 */
public class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int status;
    private final String action;
    private final Duration retryAfter;
    private final String detail;

    public RegistryException(ErrorCode code, int status, String action, String detail, Throwable cause) {
        this(code, status, action, detail, null, cause);
    }

    public RegistryException(
            ErrorCode code, int status, String action, String detail, Duration retryAfter, Throwable cause) {
        super(message(code, status, action, detail), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.status = status;
        this.action = Objects.requireNonNull(action, "action");
        this.retryAfter = retryAfter;
        this.detail = detail;
    }

    /** The same failure, saying that it persisted through {@code attempts} attempts. */
    RegistryException afterAttempts(int attempts) {
        String more = (detail == null ? "" : detail + " ") + "(still failing after " + attempts + " attempts)";
        RegistryException copy = new RegistryException(code, status, action, more, retryAfter, this);
        return copy;
    }

    private static String message(ErrorCode code, int status, String action, String detail) {
        StringBuilder text = new StringBuilder("Failed to ").append(action).append(": ");
        text.append(code);
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail);
        }
        String hint = Hints.forCode(code);
        if (!hint.isEmpty()) {
            text.append(". ").append(hint);
        }
        return text.toString();
    }

    public ErrorCode code() {
        return code;
    }

    /** The HTTP status of the failed response, or {@code 0} when none arrived. */
    public int status() {
        return status;
    }

    /** What was attempted, such as {@code resolve tag 1.2 of quay.io/acme/api}. */
    public String action() {
        return action;
    }

    /** Whether repeating the request unchanged may succeed: a retryable code, a 5xx other than 501, or 408. */
    public boolean isRetryable() {
        return code.isRetryable() || status == 408 || status == 429 || (status >= 500 && status != 501);
    }

    /** How long the registry asked the client to wait, from {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
