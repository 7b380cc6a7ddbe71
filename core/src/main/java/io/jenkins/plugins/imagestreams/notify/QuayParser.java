package io.jenkins.plugins.imagestreams.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Quay repository notifications for the "Push to Repository" event, webhook method: {@code repository}
 * ({@code namespace/name}), {@code docker_url} ({@code quay.io/namespace/name}, whose host is the registry) and
 * {@code updated_tags}, a list of tag names (older Quay versions sent an object from tag name to image id; both are
 * read). One notification per updated tag, or one without tag when the list is empty.
 *
 * <p>Other Quay events (build queued, started, completed, vulnerability found) carry no {@code updated_tags} but
 * {@code build_id} or {@code vulnerability}; they give nothing.
 *
 * @see <a href="https://docs.redhat.com/en/documentation/red_hat_quay/3.4/html/use_red_hat_quay/repository_notifications">Red
 *     Hat Quay: Repository Notifications, 12.1.1 Repository Push</a>
 */
final class QuayParser implements NotificationParser {
    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.QUAY.pathName(), body);
        if (root.raw("build_id").isPresent() || root.raw("vulnerability").isPresent()) {
            return List.of();
        }
        String repository = root.text("repository");
        String host = ParserSupport.leadingHost(root.text("docker_url")).orElse(null);
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
        Optional<JsonNode> updated = root.raw("updated_tags");
        List<String> tags = new ArrayList<>();
        if (updated.isEmpty()) {
            return tags;
        }
        JsonNode node = updated.get();
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
