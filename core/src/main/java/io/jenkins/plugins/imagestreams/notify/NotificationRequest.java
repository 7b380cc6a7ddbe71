package io.jenkins.plugins.imagestreams.notify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A notification request as the authenticators see it: the token from the path, the headers (names matched without
 * case) and the raw body, already read and size-capped.
 *
 * @param pathToken the last path segment of {@code /notify/<source>/<token>}, if there is one
 * @param headers header values by name; copied into a case-insensitive map
 * @param body the raw body bytes, exactly as received (signatures are computed over them)
 */
public record NotificationRequest(
        NotificationSource source, Optional<String> pathToken, Map<String, List<String>> headers, byte[] body) {
    public NotificationRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pathToken, "pathToken");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((name, values) -> {
            if (name != null && values != null) {
                copy.merge(name, List.copyOf(values), (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                });
            }
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** The single value of header {@code name}; empty when it is absent or sent more than once. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Names the source and body size only: the token, secret-bearing headers and the body stay out of logs. */
    @Override
    public String toString() {
        return "NotificationRequest[source=" + source.pathName() + ", pathToken="
                + (pathToken.isPresent() ? "****" : "none") + ", headers=" + headers.keySet() + ", body="
                + body.length + " bytes]";
    }
}
