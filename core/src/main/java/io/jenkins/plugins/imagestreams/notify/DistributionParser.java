package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CNCF distribution's notification envelope, {@code {"events":[…]}} sent as {@value #ENVELOPE_V2_MEDIA_TYPE}
 * (distribution 3.x) or {@value #ENVELOPE_MEDIA_TYPE} (2.x). Only {@code push} events whose target is a manifest or index are kept; blob pushes
 * ({@code application/octet-stream}, layer types), {@code pull}, {@code mount} and {@code delete} are ignored.
 *
 * <p>GitLab's container registry is a fork of distribution and sends the same envelope (GitLab docs, "Configure
 * Container Registry notifications"; self-managed instances only, GitLab.com offers no registry webhooks), so the
 * {@code gitlab} source uses this parser too.
 *
 * @see <a href="https://distribution.github.io/distribution/about/notifications/">distribution: Work with
 *     notifications</a>
 */
final class DistributionParser implements NotificationParser {
    /** The envelope's media type as distribution 2.x sends it. */
    static final String ENVELOPE_MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";
    /** The envelope's media type as distribution 3.x sends it (same shape; {@code notifications/event.go}). */
    static final String ENVELOPE_V2_MEDIA_TYPE = "application/vnd.docker.distribution.events.v2+json";

    static final Set<String> MANIFEST_MEDIA_TYPES = Set.of(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");

    private final NotificationSource source;

    DistributionParser(NotificationSource source) {
        this.source = source;
    }

    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject envelope = JsonObject.parse(source.pathName(), body);
        List<PushNotification> result = new ArrayList<>();
        for (JsonObject event : envelope.objects("events")) {
            Optional<PushNotification> push = manifestPush(event, source, true);
            if (push.isPresent()) {
                result.add(push.get());
            }
        }
        return List.copyOf(result);
    }

    /**
     * The push one distribution-shaped event reports, or empty when it is not a manifest push.
     *
     * @param mediaTypeRequired whether a push without {@code target.mediaType} is malformed (distribution) or taken
     *     as a manifest push (Azure, which sends only manifest pushes)
     */
    static Optional<PushNotification> manifestPush(
            JsonObject event, NotificationSource source, boolean mediaTypeRequired)
            throws MalformedNotificationException {
        if (!"push".equals(event.text("action"))) {
            return Optional.empty();
        }
        JsonObject target = event.object("target");
        Optional<String> mediaType =
                mediaTypeRequired ? Optional.of(target.text("mediaType")) : target.optionalText("mediaType");
        if (mediaType.isPresent() && !isManifest(mediaType.get())) {
            return Optional.empty();
        }
        String repository = target.text("repository");
        Optional<String> tag = target.optionalText("tag");
        Optional<Digest> digest = target.optionalDigest("digest");
        Optional<String> host = registryHost(event, target);
        return Optional.of(ParserSupport.push(
                target, source, host.orElse(null), repository, tag.orElse(null), digest.orElse(null)));
    }

    private static boolean isManifest(String mediaType) {
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return MANIFEST_MEDIA_TYPES.contains(base);
    }

    private static Optional<String> registryHost(JsonObject event, JsonObject target)
            throws MalformedNotificationException {
        Optional<JsonObject> request = event.optionalObject("request");
        if (request.isPresent()) {
            Optional<String> host = request.get().optionalText("host");
            if (host.isPresent()) {
                return host;
            }
        }
        Optional<String> url = target.optionalText("url");
        return url.isPresent() ? ParserSupport.hostOf(url.get()) : Optional.empty();
    }
}
