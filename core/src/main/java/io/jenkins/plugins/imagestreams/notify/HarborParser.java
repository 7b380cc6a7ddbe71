package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Harbor project webhooks in the default payload format. Only {@code PUSH_ARTIFACT} is kept: one notification per
 * entry of {@code event_data.resources}, for the repository {@code event_data.repository.repo_full_name} on the host
 * that starts {@code resource_url}. Pulls, deletes, scans, quota and replication events give nothing.
 *
 * @see <a href="https://goharbor.io/docs/main/working-with-projects/project-configuration/configure-webhooks/">Harbor:
 *     Configure Webhook Notifications</a>
 */
final class HarborParser implements NotificationParser {
    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.HARBOR.pathName(), body);
        if (!"PUSH_ARTIFACT".equals(root.text("type"))) {
            return List.of();
        }
        JsonObject eventData = root.object("event_data");
        String repository = eventData.object("repository").text("repo_full_name");
        List<PushNotification> result = new ArrayList<>();
        for (JsonObject resource : eventData.objects("resources")) {
            Optional<String> tag = resource.optionalText("tag");
            Optional<Digest> digest = resource.optionalDigest("digest");
            Optional<String> host = resource.optionalText("resource_url").flatMap(ParserSupport::leadingHost);
            result.add(ParserSupport.push(
                    resource,
                    NotificationSource.HARBOR,
                    host.orElse(null),
                    repository,
                    tag.orElse(null),
                    digest.orElse(null)));
        }
        return List.copyOf(result);
    }
}
