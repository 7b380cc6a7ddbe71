package io.jenkins.plugins.imagestreams.registry.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request as it goes out, its body aside: method, URI, header fields and how long its answer may take. The
 * blocking transport writes it as it is; only a request the default proxy selector sends through a proxy becomes the
 * JDK's {@link HttpRequest} ({@link #toJdkRequest}). The JDK's request builder would cost every one-shot command the
 * set-up of the JDK client's utilities (their properties, header predicates and streams) for requests that never meet
 * that client: a one-shot {@code digest} took 0.166 s with it and 0.160 s without (0.192 and 0.184 CPU-s).
 *
 * <p>Checked as the JDK's builder checks: the method and header names are tokens (RFC 9110), values hold no control
 * characters (no CR or LF, which would end the field and start another), and the fields the transport writes itself
 * ({@code Host}, {@code Content-Length}, {@code Connection}, {@code Expect}, {@code Upgrade}) are not taken.
 *
 * <p>Internal to {@link io.jenkins.plugins.imagestreams.registry.RegistryClient}, public only for its sibling
 * packages; not an API.
 *
 * @param headers in the order they are written; names compared as given
 * @param timeout how long the answer may take, positive
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, Duration timeout) {
    private static final Set<String> WRITTEN_BY_TRANSPORT =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    public HttpCall {
        Objects.requireNonNull(uri, "uri");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
        if (!isToken(method)) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : headers.entrySet()) {
            check(field.getKey(), field.getValue());
            copy.put(field.getKey(), field.getValue());
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A request without header fields. */
    public static HttpCall of(String method, URI uri, Duration timeout) {
        return new HttpCall(method, uri, Map.of(), timeout);
    }

    /** The same request with the field {@code name} set to {@code value}, replacing a field of that name. */
    public HttpCall with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpCall(method, uri, more, timeout);
    }

    /**
     * This request for the JDK's client, carrying {@code body}: HTTP/1.1 for a plain-HTTP URI (the JDK's client would
     * otherwise try to upgrade the connection to HTTP/2), the client's default elsewhere.
     */
    public HttpRequest toJdkRequest(Body body) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(timeout).method(method, body.publisher());
        if ("http".equals(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    private static void check(String name, String value) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("not an HTTP header name: " + name);
        }
        if (WRITTEN_BY_TRANSPORT.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the header " + name + " is written by the transport, not the caller");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the value of the header " + name
                        + " holds a control character or one past Latin-1 at index " + i
                        + "; expected visible characters, spaces and tabs");
            }
        }
    }

    private static boolean isToken(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
