package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A response whose body is still a stream; the endpoint reads it capped or discards it, then it is closed.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class Response implements AutoCloseable {
    /** Manifests, error bodies, token replies and tag pages are refused past this size. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpResponse<InputStream> response;
    private final String method;
    private final String action;
    private final Clock clock;
    private final boolean plainByDefault;

    /** @param method the request's method, which says whether the answer has a body ({@code HEAD}: none) */
    public Response(HttpResponse<InputStream> response, String method, String action, Clock clock) {
        this(response, method, action, clock, false);
    }

    /** @param plainByDefault sent over HTTP only because the registry is loopback and has no TLS config */
    Response(HttpResponse<InputStream> response, String method, String action, Clock clock, boolean plainByDefault) {
        this.response = response;
        this.method = method;
        this.action = action;
        this.clock = clock;
        this.plainByDefault = plainByDefault;
    }

    public int status() {
        return response.statusCode();
    }

    URI uri() {
        return response.uri();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    public List<String> headers(String name) {
        return response.headers().allValues(name);
    }

    /**
     * A {@code Location} or {@code Link} target sent with this response, resolved against its URI.
     *
     * @throws RegistryException when it is no URI or not an http(s) URL with a host, which the client never follows
     */
    public String resolve(String location) throws RegistryException {
        String trimmed = location.trim();
        try {
            URI target = uri().resolve(trimmed);
            String scheme = target.getScheme();
            if (target.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
            return target.toString();
        } catch (IllegalArgumentException e) {
            String shown = ErrorBodies.printable(trimmed);
            throw new RegistryException(
                    ErrorCode.UNKNOWN,
                    status(),
                    action,
                    "the registry pointed to '" + shown + "', which is not an http(s) URL; it is not followed",
                    e);
        }
    }

    public InputStream stream() {
        return response.body();
    }

    /**
     * Reads the whole body, refusing more than {@code cap} bytes.
     *
     * @throws RegistryException TOO_LARGE past the cap, CONNECTION when the body ends early or the connection fails
     */
    public byte[] body(int cap) throws RegistryException {
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced > cap) {
            close();
            throw tooLarge(cap, announced + " bytes announced");
        }
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                throw tooLarge(cap, "more than " + cap + " bytes sent");
            }
            return bytes;
        } catch (IOException e) {
            throw new RegistryException(
                    ErrorCode.CONNECTION, status(), action, "the response body ended early: " + e.getMessage(), e);
        }
    }

    private RegistryException tooLarge(int cap, String what) {
        return new RegistryException(
                ErrorCode.TOO_LARGE,
                status(),
                action,
                "the body exceeds the limit of " + cap + " bytes: " + what,
                null);
    }

    /** The failure this response stands for, reading at most {@link #MAX_BODY} bytes of error body. */
    public RegistryException failure(ErrorCode notFound) {
        byte[] body;
        try {
            body = body(MAX_BODY);
        } catch (RegistryException e) {
            body = new byte[0];
        }
        if (plainByDefault && status() == 400 && body.length == 0) {
            return new RegistryException(
                    ErrorCode.UNKNOWN,
                    400,
                    action,
                    ErrorBodies.SPEAKS_HTTPS,
                    retryAfter().orElse(null),
                    null);
        }
        return ErrorBodies.toException(
                action, status(), body, notFound, retryAfter().orElse(null));
    }

    /** {@code Retry-After} as delta seconds or an HTTP date. */
    Optional<Duration> retryAfter() {
        Optional<String> value = header("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Ends the exchange. A body that is empty by the protocol (the answer to a {@code HEAD}, a {@code 204} or {@code
     * 304}, a {@code Content-Length: 0}) is read to its end first: closing it unread races the client, which ends such
     * an exchange on its own thread, and when the close comes first the client cancels the exchange and closes the
     * connection instead of putting it back in its pool, so that the next request pays for a new one (one request in
     * seven of a bulk import did). A body with content is cut off unread, which closes its connection.
     */
    @Override
    public void close() {
        InputStream body = response.body();
        try (body) {
            if (emptyByProtocol()) {
                body.read();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private boolean emptyByProtocol() {
        int status = status();
        return "HEAD".equals(method)
                || status == 204
                || status == 304
                || response.headers().firstValueAsLong("Content-Length").orElse(-1) == 0;
    }
}
