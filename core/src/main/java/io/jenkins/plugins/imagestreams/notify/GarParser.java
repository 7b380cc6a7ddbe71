package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Google Artifact Registry notifications, published to the Pub/Sub topic {@code gcr} and delivered here by a push
 * subscription. The push body is Pub/Sub's wrapper {@code {"message":{"data":<base64>,…},"subscription":…}}; with
 * payload unwrapping enabled it is the Artifact Registry message itself. That message is
 * {@code {"action":"INSERT","digest":"us-docker.pkg.dev/p/r/img@sha256:…","tag":"us-docker.pkg.dev/p/r/img:1.0"}};
 * only {@code INSERT} is kept ({@code DELETE} gives nothing), and the registry, repository, tag and digest are read
 * from the two references.
 *
 * @see <a href="https://cloud.google.com/artifact-registry/docs/configure-notifications">Artifact Registry: Configuring
 *     Pub/Sub notifications</a> and <a href="https://cloud.google.com/pubsub/docs/push">Pub/Sub: push
 *     subscriptions</a>
 */
final class GarParser implements NotificationParser {
    private static final String SOURCE = "gar";

    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(SOURCE, body);
        Optional<JsonObject> wrapper = root.optionalObject("message");
        JsonObject message = wrapper.isPresent() ? decode(wrapper.get()) : root;
        if (!"INSERT".equals(message.text("action"))) {
            return List.of();
        }
        Optional<ImageReference> byDigest = reference(message, "digest", "@sha256:<hex>");
        Optional<ImageReference> byTag = reference(message, "tag", ":<tag>");
        ImageReference named = byTag.or(() -> byDigest)
                .orElseThrow(() -> message.invalid("digest", "neither digest nor tag names an image"));
        String tag = byTag.flatMap(ImageReference::tag).orElse(null);
        Digest digest = byDigest.flatMap(ImageReference::digest).orElse(null);
        return List.of(
                ParserSupport.push(message, NotificationSource.GAR, named.registry(), named.repository(), tag, digest));
    }

    private static JsonObject decode(JsonObject wrapper) throws MalformedNotificationException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(wrapper.text("data"));
        } catch (IllegalArgumentException e) {
            throw wrapper.invalid("data", "is not base64");
        }
        try {
            return JsonObject.parse(SOURCE + " (message.data)", data);
        } catch (MalformedNotificationException e) {
            throw wrapper.invalid(
                    "data",
                    "must be the base64 of an Artifact Registry message, JSON with action, digest and tag; "
                            + e.getMessage());
        }
    }

    /** The reference in {@code field}, which must be a full reference whose last part ends in {@code ending}. */
    private static Optional<ImageReference> reference(JsonObject message, String field, String ending)
            throws MalformedNotificationException {
        Optional<String> text = message.optionalText(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        String last = value.substring(value.lastIndexOf('/') + 1);
        boolean digestForm = last.contains("@");
        if (!value.contains("/") || digestForm != ending.startsWith("@") || !last.contains(ending.substring(0, 1))) {
            throw message.invalid(
                    field, "must be a full reference such as us-docker.pkg.dev/project/repo/image" + ending);
        }
        try {
            return Optional.of(ImageReference.parse(value));
        } catch (InvalidReferenceException e) {
            throw message.invalid(field, e.getMessage());
        }
    }
}
