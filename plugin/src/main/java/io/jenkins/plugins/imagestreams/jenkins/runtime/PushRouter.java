package io.jenkins.plugins.imagestreams.jenkins.runtime;

import io.jenkins.plugins.imagestreams.importing.ScheduledTag;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which stream tags a push concerns: importable tags on the same registry and repository whose tag is the pushed one,
 * or any tag there when the push names none or the spec tag follows a tag policy. The importer re-resolves each.
 */
final class PushRouter {
    private PushRouter() {}

    static List<ScheduledTag> route(Collection<PushNotification> pushes, Collection<ImageStream> streams) {
        Set<ScheduledTag> tags = new LinkedHashSet<>();
        for (PushNotification push : pushes) {
            for (ImageStream stream : streams) {
                for (TagSpec spec : stream.spec().tags()) {
                    Optional<ImageReference> ref = spec.dockerImage();
                    if (ref.isPresent() && concerns(push, ref.get(), spec)) {
                        tags.add(new ScheduledTag(
                                stream.name(), spec.name(), ref.get().apiHost()));
                    }
                }
            }
        }
        return new ArrayList<>(tags);
    }

    private static boolean concerns(PushNotification push, ImageReference ref, TagSpec spec) {
        boolean sameRegistry = push.registry()
                .map(r -> r.equals(ref.registry()) || r.equals(ref.apiHost()))
                .orElse(true);
        if (!sameRegistry
                || !push.repository().equals(ref.repository())
                || ref.digest().isPresent()) {
            return false;
        }
        return push.tag().isEmpty()
                || spec.tagPolicy().isPresent()
                || push.tag().equals(ref.tag());
    }
}
