package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.util.List;
import java.util.Optional;

/**
 * JFrog Artifactory webhooks of the {@code docker} domain. Only {@code event_type: pushed} is kept ("a new tag of a
 * Docker image is pushed"). Artifactory names the image by {@code data.repo_key} and {@code data.image_name}; as a
 * Docker client addresses it with the repository path method, the repository is {@code repo_key/image_name} on the
 * host of {@code jpd_origin}. {@code data.sha256} is the checksum of the stored manifest file, which is the manifest
 * digest.
 *
 * @see <a href="https://jfrog.com/help/r/jfrog-platform-administration-documentation/domain-docker">JFrog: Domain
 *     docker</a> and <a href="https://docs.jfrog.com/administration/docs/event-types">Event Types</a> for the
 *     envelope ({@code domain}, {@code event_type}, {@code data}, {@code jpd_origin})
 */
final class ArtifactoryParser implements NotificationParser {
    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.ARTIFACTORY.pathName(), body);
        if (root.raw("domain").isEmpty()) {
            throw new MalformedNotificationException(
                    "artifactory notification: domain is missing; expected JFrog's event"
                            + " {domain, event_type, data} (the examples on JFrog's domain pages show its data alone)");
        }
        if (!"docker".equals(root.text("domain")) || !"pushed".equals(root.text("event_type"))) {
            return List.of();
        }
        JsonObject data = root.object("data");
        String repository = data.text("repo_key") + "/" + data.text("image_name");
        String tag = data.optionalText("tag").orElse(null);
        Digest digest = null;
        Optional<String> sha256 = data.optionalText("sha256");
        if (sha256.isPresent()) {
            try {
                digest = Digest.parse("sha256:" + sha256.get());
            } catch (InvalidReferenceException e) {
                throw data.invalid("sha256", e.getMessage());
            }
        }
        String host =
                root.optionalText("jpd_origin").flatMap(ParserSupport::hostOf).orElse(null);
        return List.of(ParserSupport.push(data, NotificationSource.ARTIFACTORY, host, repository, tag, digest));
    }
}
