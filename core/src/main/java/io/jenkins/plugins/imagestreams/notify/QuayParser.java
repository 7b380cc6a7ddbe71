package io.jenkins.plugins.imagestreams.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Quay repository notifications for the "Push to Repository" event, webhook method: {@code repository}
 * ({@code namespace/name}), {@code docker_url} ({@code quay.io/namespace/name}, whose host is the registry) and
 * {@code updated_tags}, a list of tag names (older Quay versions sent an object from tag name to image id; both are
 * read). One notification per updated tag, or one without tag when the list is empty.
 *
 * <p>Quay names no event in the body (its webhook posts the event data alone), and only a repository push carries
 * {@code updated_tags}: a body without it is another event (a build's progress, a vulnerability found, tags about to
 * expire with their {@code tags}, a mirror sync with its {@code message}) and gives nothing. Every event names
 * {@code repository} and {@code docker_url}; a body without them is not Quay's.
 *
 * @see <a href="https://docs.redhat.com/en/documentation/red_hat_quay/3.4/html/use_red_hat_quay/repository_notifications">Red
 *     Hat Quay: Repository Notifications, 12.1.1 Repository Push</a> and its "Repository events description" page
 */
final class QuayParser implements NotificationParser {
    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.QUAY.pathName(), body);
        String repository = root.text("repository");
        String host = ParserSupport.leadingHost(root.text("docker_url")).orElse(null);
        if (root.raw("updated_tags").isEmpty()) {
            return List.of();
        }
        List<String> tags = tags(root);
        List<PushNotification> result = new ArrayList<>();
        if (tags.isEmpty()) {
            result.add(ParserSupport.push(root, NotificationSource.QUAY, host, repository, null, null));
        }
        for (String tag : tags) {
            result.add(ParserSupport.push(root, NotificationSource.QUAY, host, repository, tag, null));
        }
        return List.copyOf(result);
    }

    private static List<String> tags(JsonObject root) throws MalformedNotificationException {
        JsonNode node = root.raw("updated_tags").orElseThrow();
        List<String> tags = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual() || element.asText().isEmpty()) {
                    throw root.invalid("updated_tags", "every element must be a tag name");
                }
                tags.add(element.asText());
            }
        } else if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                tags.add(names.next());
            }
        } else {
            throw root.invalid("updated_tags", "must be a list of tag names");
        }
        return tags;
    }
}
