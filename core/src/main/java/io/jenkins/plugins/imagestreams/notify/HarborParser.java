package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Harbor project webhooks, in either payload format a Harbor policy can choose:
 *
 * <ul>
 *   <li>Default ({@code application/json}): {@code {"type":"PUSH_ARTIFACT","event_data":{"resources":[…],
 *       "repository":{…}}}};
 *   <li>CloudEvents ({@code application/cloudevents+json}, structured mode): {@code {"specversion":"1.0",
 *       "type":"harbor.artifact.pushed","data":{"resources":[…],"repository":{…}}}}, the same event data.
 * </ul>
 *
 * Only pushes are kept: one notification per entry of {@code resources}, for the repository {@code
 * repository.repo_full_name} on the host that starts {@code resource_url}. An artifact pushed by digest (a robot
 * account, a proxy-cache fill) carries its digest in {@code tag}; it gives a notification without tag. Pulls,
 * deletes, scans, quota and replication events give nothing; a CloudEvents body with another type of Harbor's is
 * ignored the same way, and one that is not Harbor's ({@code type} without the {@code harbor.} prefix) is refused.
 *
 * @see <a href="https://goharbor.io/docs/main/working-with-projects/project-configuration/configure-webhooks/">Harbor:
 *     Configure Webhook Notifications</a>
 */
final class HarborParser implements NotificationParser {
    static final String CLOUDEVENTS_MEDIA_TYPE = "application/cloudevents+json";

    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.HARBOR.pathName(), body);
        JsonObject eventData;
        if (root.raw("specversion").isPresent()) {
            String type = root.text("type");
            if (!type.startsWith("harbor.")) {
                throw root.invalid("type", "is not a Harbor CloudEvents type (harbor.artifact.pushed, …)");
            }
            if (!"harbor.artifact.pushed".equals(type)) {
                return List.of();
            }
            eventData = root.object("data");
        } else {
            if (!"PUSH_ARTIFACT".equals(root.text("type"))) {
                return List.of();
            }
            eventData = root.object("event_data");
        }
        String repository = eventData.object("repository").text("repo_full_name");
        List<PushNotification> result = new ArrayList<>();
        for (JsonObject resource : eventData.objects("resources")) {
            Optional<String> tag = resource.optionalText("tag").filter(t -> !t.startsWith("sha256:"));
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
