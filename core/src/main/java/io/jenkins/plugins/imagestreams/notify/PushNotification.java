package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One thing a registry said was pushed: which repository, and when it says so, which tag and which manifest digest.
 *
 * <p>A notification only names what to re-import. The importer always resolves the digest again from the registry;
 * the digest here is a hint, never trusted. An empty {@code tag} means "some tag of this repository changed" (Quay
 * without {@code updated_tags}, a digest-only push). An empty {@code registry} means the payload did not say which
 * host it came from; the endpoint's configuration then decides.
 *
 * @param source the endpoint kind that received it
 * @param registry the registry host with port as clients write it ({@code quay.io}, {@code 127.0.0.1:5000}), if known
 * @param repository the repository path inside the registry, lowercase ({@code acme/api})
 * @param tag the tag that was pushed, if the payload names one
 * @param digest the manifest digest the payload claims, if any
 */
public record PushNotification(
        NotificationSource source,
        Optional<String> registry,
        String repository,
        Optional<String> tag,
        Optional<Digest> digest) {
    private static final Pattern REGISTRY =
            Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    /** @throws IllegalArgumentException if a part does not follow the distribution grammar */
    public PushNotification {
        Require.nonNull("source, registry, repository, tag, digest", source, registry, repository, tag, digest);
        registry.ifPresent(r -> require(REGISTRY.matcher(r).matches(), "registry host", r));
        require(repository.length() <= 255 && REPOSITORY.matcher(repository).matches(), "repository", repository);
        tag.ifPresent(t -> require(TAG.matcher(t).matches(), "tag", t));
    }

    /** A notification for {@code repository:tag} on {@code registry}; either of registry and digest may be null. */
    public static PushNotification of(
            NotificationSource source, String registry, String repository, String tag, Digest digest) {
        return new PushNotification(
                source,
                Optional.ofNullable(registry),
                repository,
                Optional.ofNullable(tag),
                Optional.ofNullable(digest));
    }

    private static void require(boolean valid, String what, String value) {
        if (!valid) {
            String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
            throw new IllegalArgumentException(what + " '" + shown + "' does not follow the distribution grammar");
        }
    }

    @Override
    public String toString() {
        return source.pathName() + ":" + registry.map(r -> r + "/").orElse("") + repository
                + tag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d.shortForm()).orElse("");
    }
}
