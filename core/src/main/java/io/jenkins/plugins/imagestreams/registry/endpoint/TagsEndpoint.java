package io.jenkins.plugins.imagestreams.registry.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.transport.Request;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/tags/list}, following {@code Link: <…>; rel="next"} pages.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class TagsEndpoint {
    private static final int MAX_PAGES = 1000;

    private final Transport transport;

    public TagsEndpoint(Transport transport) {
        this.transport = transport;
    }

    public List<String> list(ImageReference repository) throws RegistryException {
        String action = Actions.ofRepository("list tags of", repository);
        List<String> tags = new ArrayList<>();
        String target = "/v2/" + repository.repository() + "/tags/list";
        for (int page = 0; page < MAX_PAGES; page++) {
            Request get = Request.of(repository, "GET", target, List.of(Request.pull(repository)), action)
                    .withHeader("Accept", "application/json");
            Optional<String> next;
            try (Response response = transport.send(get)) {
                if (response.status() != 200) {
                    throw response.failure(ErrorCode.NAME_UNKNOWN);
                }
                readPage(response.body(Response.MAX_BODY), tags, action);
                next = LinkHeader.nextPage(response);
            }
            if (next.isEmpty()) {
                return List.copyOf(tags);
            }
            target = next.get();
        }
        throw LinkHeader.tooManyPages(action, MAX_PAGES);
    }

    private static void readPage(byte[] body, List<String> into, String action) throws RegistryException {
        try {
            JsonNode list = JsonTrees.read(body).path("tags");
            for (JsonNode tag : list) {
                into.add(tag.asText());
            }
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.UNKNOWN, 200, action, "the tag list is not JSON", e);
        }
    }
}
