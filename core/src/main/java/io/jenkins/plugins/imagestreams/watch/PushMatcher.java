package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which stream tags a push notification asks to re-import: the scheduled tags ({@link ScheduledTag#of}) whose
 * {@code DockerImage} source is the pushed repository on the pushed registry, and either the pushed tag or, for a tag
 * with a tag policy or a notification without tag, any tag of that repository.
 *
 * <p>Registry hosts are compared literally (without case): {@code 127.0.0.1:5000} and {@code localhost:5000} are
 * different registries, as they are to a client's credentials. Only Docker Hub's names ({@code docker.io}, {@code
 * registry-1.docker.io}, {@code index.docker.io}) count as one. A notification that names no host matches the
 * repository on any registry; the import that follows re-resolves the digest, so a wrong guess costs one request.
 *
 * <p>Tags that are not scheduled are imported once (OpenShift's rule) and a push does not move them; a source pinned
 * by digest never changes. Alias tags, in any stream, follow the tag they alias through {@link
 * io.jenkins.plugins.imagestreams.events.AliasFollower}, so they need no match of their own.
 */
public final class PushMatcher {
    private static final Set<String> DOCKER_HUB_HOSTS =
            Set.of(ImageReference.DOCKER_HUB, ImageReference.DOCKER_HUB_API_HOST, "index.docker.io");

    private PushMatcher() {}

    /** The scheduled tags of {@code streams} that {@code push} names, in stream order then spec tag order. */
    public static List<ScheduledTag> tagsToImport(PushNotification push, Collection<ImageStream> streams) {
        List<ScheduledTag> tags = new ArrayList<>();
        for (ImageStream stream : streams) {
            for (ScheduledTag tag : ScheduledTag.of(stream)) {
                Optional<TagSpec> spec = stream.specTag(tag.tag());
                Optional<ImageReference> source = spec.flatMap(TagSpec::dockerImage);
                if (source.isPresent()
                        && names(push, source.get(), spec.get().tagPolicy().isPresent())) {
                    tags.add(tag);
                }
            }
        }
        return List.copyOf(tags);
    }

    /**
     * Whether {@code push} may have moved {@code source}.
     *
     * @param anyTag whether any tag of the source's repository counts (the stream tag follows a tag policy)
     */
    public static boolean names(PushNotification push, ImageReference source, boolean anyTag) {
        if (source.digest().isPresent()) {
            return false;
        }
        if (push.registry().isPresent() && !sameRegistry(push.registry().get(), source.registry())) {
            return false;
        }
        if (!push.repository().equals(source.repository())) {
            return false;
        }
        return anyTag || push.tag().isEmpty() || push.tag().equals(source.tag());
    }

    /** Whether two registry hosts (with ports) are the same registry: literally, or both Docker Hub. */
    static boolean sameRegistry(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static String canonical(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_HOSTS.contains(lower) ? ImageReference.DOCKER_HUB : lower;
    }
}
