package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to a registry, before scheme, limits and authorization are applied.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 *
 * @param target a path starting with {@code /v2/}, or an absolute URI from a {@code Location} or redirect
 * @param scopes the token scopes the request needs, such as {@code repository:acme/api:pull}
 * @param body what it sends; sent again from its beginning after an authentication challenge
 * @param streaming whether a blob's bytes flow through it (a download, or an upload whose body reads a stream), which
 *     through a proxy, where the JDK's HTTP client carries it, may block that client's threads for the whole transfer
 */
public record Request(
        ImageReference ref,
        String method,
        String target,
        Map<String, String> headers,
        Body body,
        List<String> scopes,
        String action,
        boolean streaming) {
    public Request {
        headers = Map.copyOf(headers);
        scopes = List.copyOf(scopes);
    }

    public static Request of(ImageReference ref, String method, String target, List<String> scopes, String action) {
        return new Request(ref, method, target, Map.of(), Body.NONE, scopes, action, false);
    }

    public Request withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Request(ref, method, target, more, body, scopes, action, streaming);
    }

    public Request withBody(Body newBody) {
        return new Request(ref, method, target, headers, newBody, scopes, action, streaming);
    }

    /** The same request, marked as carrying a blob's bytes. */
    public Request streamingBlob() {
        return new Request(ref, method, target, headers, body, scopes, action, true);
    }

    public static String pull(ImageReference ref) {
        return "repository:" + ref.repository() + ":pull";
    }

    public static String push(ImageReference ref) {
        return "repository:" + ref.repository() + ":push,pull";
    }
}
