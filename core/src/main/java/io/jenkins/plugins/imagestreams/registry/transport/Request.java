package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
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
 * @param body re-subscribable, so the request can be sent again after an authentication challenge
 * @param streaming whether a blob's bytes flow through it (a download, or an upload whose body reads a stream), which
 *     may block the HTTP client's threads for as long as the transfer lasts
 */
public record Request(
        ImageReference ref,
        String method,
        String target,
        Map<String, String> headers,
        BodyPublisher body,
        List<String> scopes,
        String action,
        boolean streaming) {
    public Request {
        headers = Map.copyOf(headers);
        scopes = List.copyOf(scopes);
    }

    public static Request of(ImageReference ref, String method, String target, List<String> scopes, String action) {
        return new Request(ref, method, target, Map.of(), BodyPublishers.noBody(), scopes, action, false);
    }

    public Request withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Request(ref, method, target, more, body, scopes, action, streaming);
    }

    public Request withBody(BodyPublisher newBody) {
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
