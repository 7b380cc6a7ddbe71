package io.jenkins.plugins.imagestreams.registry.endpoint;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.registry.model.ReferrersIndex;
import io.jenkins.plugins.imagestreams.registry.transport.Request;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/referrers/<digest>}, the referrers API of distribution spec 1.1, following
 * {@code Link: <…>; rel="next"} pages. A registry without the API answers {@code 404}; one that answers something
 * other than an image index is taken to have none either.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class ReferrersEndpoint {
    private static final int MAX_PAGES = 100;

    private final Transport transport;

    public ReferrersEndpoint(Transport transport) {
        this.transport = transport;
    }

    /** The referrers of {@code subject}, every page merged; empty when the registry has no referrers API. */
    public Optional<ReferrersIndex> list(ImageReference repository, Digest subject) throws RegistryException {
        String action = Actions.of("list referrers of", repository.withDigest(subject));
        ReferrersIndex all = ReferrersIndex.EMPTY;
        String target = "/v2/" + repository.repository() + "/referrers/" + subject;
        for (int page = 0; page < MAX_PAGES; page++) {
            Request get = Request.of(repository, "GET", target, List.of(Request.pull(repository)), action)
                    .withHeader("Accept", MediaTypes.OCI_INDEX);
            Optional<String> next;
            try (Response response = transport.send(get)) {
                boolean answered = response.status() == 200 && isIndex(response);
                if (!answered && page == 0 && (response.status() == 404 || response.status() == 200)) {
                    return Optional.empty();
                }
                if (!answered) {
                    throw response.status() == 200
                            ? invalid(action, "page " + (page + 1) + " is no image index", null)
                            : response.failure(ErrorCode.NAME_UNKNOWN);
                }
                all = all.withAdded(
                        read(response.body(Response.MAX_BODY), action).referrers());
                next = LinkHeader.nextPage(response);
            }
            if (next.isEmpty()) {
                return Optional.of(all);
            }
            target = next.get();
        }
        throw LinkHeader.tooManyPages(action, MAX_PAGES);
    }

    private static boolean isIndex(Response response) {
        String type = response.header("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().equals(MediaTypes.OCI_INDEX);
    }

    private static ReferrersIndex read(byte[] body, String action) throws RegistryException {
        try {
            return ReferrersIndex.parse(Manifest.of(MediaTypes.OCI_INDEX, body));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalid(action, e.getMessage(), e);
        }
    }

    private static RegistryException invalid(String action, String detail, Throwable cause) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, 200, action, detail, cause);
    }
}
