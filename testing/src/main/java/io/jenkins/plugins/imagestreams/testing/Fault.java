package io.jenkins.plugins.imagestreams.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** What a {@link FaultProxy} does to a request that a {@link FaultRule} picked, instead of forwarding it as is. */
public sealed interface Fault {
    /** Answers {@code status} (e.g. 500, 502, 503) with a distribution-style error body; nothing is forwarded. */
    static Fault status(int status) {
        return new Status(status);
    }

    /** Answers {@code status} with a distribution error body listing {@code codes} in order; nothing is forwarded. */
    static Fault errors(int status, String... codes) {
        return new Errors(new Status(status), List.of(codes));
    }

    /** Answers 429 with {@code Retry-After: seconds}; nothing is forwarded. */
    static Fault tooManyRequests(int retryAfterSeconds) {
        return new TooManyRequests(retryAfterSeconds);
    }

    /** Resets the TCP connection (RST) right after reading the request head; nothing is forwarded. */
    static Fault reset() {
        return new Reset();
    }

    /** Waits {@code delay} before forwarding the request. */
    static Fault stall(Duration delay) {
        return new Stall(delay);
    }

    /** Forwards, announces the full {@code Content-Length}, sends half of the body and closes the connection. */
    static Fault truncate() {
        return new Truncate();
    }

    /** Forwards and sends the body with every byte inverted: the same length and headers, other content. */
    static Fault corrupt() {
        return new Corrupt();
    }

    /** Forwards and replaces the response's {@code Docker-Content-Digest} header with {@code digest}, as given. */
    static Fault rewriteDigest(String digest) {
        return new RewriteDigest(Objects.requireNonNull(digest, "digest"));
    }

    /** Forwards, then answers with the upstream status and headers but a body of {@code bytes} filler bytes. */
    static Fault oversize(long bytes) {
        return new Oversize(bytes);
    }

    /**
     * Forwards the request with its path rewritten ({@code path.replaceAll(regex, replacement)}, the query kept), as a
     * registry serving one endpoint from another would: say the referrers API from the referrers tag.
     */
    static Fault rewritePath(String regex, String replacement) {
        return new RewritePath(Pattern.compile(regex), Objects.requireNonNull(replacement, "replacement"));
    }

    /** Forwards and adds the header {@code name: value} to the response, as a registry with more features sends. */
    static Fault addResponseHeader(String name, String value) {
        return new AddResponseHeader(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    record Status(int status) implements Fault {
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an injected status must be 4xx or 5xx, not " + status);
            }
        }
    }

    record Errors(Status status, List<String> codes) implements Fault {}

    record TooManyRequests(int retryAfterSeconds) implements Fault {
        public TooManyRequests {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("Retry-After must be >= 0 seconds");
            }
        }
    }

    record Reset() implements Fault {}

    record Stall(Duration delay) implements Fault {
        public Stall {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a stall cannot be negative");
            }
        }
    }

    record Truncate() implements Fault {}

    record Corrupt() implements Fault {}

    record RewriteDigest(String digest) implements Fault {}

    record RewritePath(Pattern regex, String replacement) implements Fault {
        String rewrite(String path) {
            return regex.matcher(path).replaceAll(replacement);
        }
    }

    record AddResponseHeader(String name, String value) implements Fault {}

    record Oversize(long bytes) implements Fault {
        public Oversize {
            if (bytes < 0) {
                throw new IllegalArgumentException("an oversize body needs a size >= 0");
            }
        }
    }
}
