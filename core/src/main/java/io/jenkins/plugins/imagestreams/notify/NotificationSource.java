package io.jenkins.plugins.imagestreams.notify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registries whose push notifications Image Streams understands, each served at {@code /notify/<pathName>}.
 *
 * <p>Each parser follows the registry's own documentation; the class of each names the page.
 */
public enum NotificationSource {
    /** CNCF distribution ({@code registry:2}, Zot and others that send its envelope). */
    DISTRIBUTION("distribution", null),
    /** Docker Hub repository webhooks. */
    DOCKERHUB("dockerhub", new DockerHubParser()),
    /** Harbor project webhooks, default payload format. */
    HARBOR("harbor", new HarborParser()),
    /** Quay.io and Red Hat Quay repository notifications ("Push to Repository", webhook method). */
    QUAY("quay", new QuayParser()),
    /** GitHub {@code package} webhook events for GitHub Container Registry. */
    GHCR("ghcr", new GhcrParser()),
    /** GitLab's container registry, which sends distribution's envelope (self-managed instances only). */
    GITLAB("gitlab", null),
    /** JFrog Artifactory webhooks of the {@code docker} domain. */
    ARTIFACTORY("artifactory", new ArtifactoryParser()),
    /** Azure Container Registry webhooks. */
    ACR("acr", new AcrParser()),
    /** Google Artifact Registry notifications delivered by a Pub/Sub push subscription. */
    GAR("gar", new GarParser());

    private final String pathName;
    private final NotificationParser parser;

    NotificationSource(String pathName, NotificationParser parser) {
        this.pathName = pathName;
        this.parser = parser != null ? parser : new DistributionParser(this);
    }

    /** The URL segment naming this source: {@code distribution}, {@code dockerhub}, … */
    public String pathName() {
        return pathName;
    }

    /** The source served at {@code /notify/<pathName>}, matched case-sensitively; empty for anything else. */
    public static Optional<NotificationSource> fromPathName(String pathName) {
        for (NotificationSource source : values()) {
            if (source.pathName.equals(pathName)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a notification body sent by this registry.
     *
     * @return the manifest pushes it reports; empty for pulls, deletes, blob uploads and other events
     * @throws MalformedNotificationException if the body is not the JSON this registry documents
     */
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        return parser.parse(body);
    }

    /**
     * Whether {@code contentType} is acceptable for this source: distribution and GitLab send the distribution envelope
     * ({@code application/vnd.docker.distribution.events.v2+json} since distribution 3, {@code v1} before) or plain
     * JSON; Harbor sends {@code application/json}, or {@code application/cloudevents+json} in its CloudEvents format.
     * The other registries are not checked: their documentation names no content type their parsers depend on.
     */
    boolean acceptsContentType(String contentType) {
        if (this != DISTRIBUTION && this != GITLAB && this != HARBOR) {
            return true;
        }
        return contentType != null && contentTypes().contains(mediaType(contentType));
    }

    /** The content types {@link #acceptsContentType} accepts for this source, for messages; empty when unchecked. */
    List<String> contentTypes() {
        return switch (this) {
            case DISTRIBUTION, GITLAB ->
                List.of(
                        DistributionParser.ENVELOPE_V2_MEDIA_TYPE,
                        DistributionParser.ENVELOPE_MEDIA_TYPE,
                        "application/json");
            case HARBOR -> List.of("application/json", HarborParser.CLOUDEVENTS_MEDIA_TYPE);
            default -> List.of();
        };
    }

    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }
}
