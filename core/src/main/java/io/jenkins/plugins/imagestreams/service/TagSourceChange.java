package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.concurrent.atomic.AtomicBoolean;

/** Writes what an {@link ImportRequest} changes in a tag's spec before the import; see {@link ImageStreamService#importTag}. */
final class TagSourceChange {
    private final StreamUpdater updater;

    TagSourceChange(StreamStore store) {
        this.updater = new StreamUpdater(store);
    }

    /**
     * @throws IllegalArgumentException without a new source when the stream or tag does not exist
     */
    /** @return whether the stream was written (created or its tag changed) */
    boolean apply(ImportRequest request) {
        TagSource.ImageStreamTag tag = request.tag();
        boolean created = request.from().isPresent() && updater.createIfMissing(tag.stream(), ImageStreamSpec.empty());
        AtomicBoolean changed = new AtomicBoolean();
        updater.update(tag.stream(), stream -> {
                    ImageStream next = change(stream, request);
                    changed.set(next != stream);
                    return next;
                })
                .orElseThrow(() -> new IllegalArgumentException(
                        "no image stream named " + tag.stream() + " exists; give the tag a source to create it"));
        return created || changed.get();
    }

    private static ImageStream change(ImageStream stream, ImportRequest request) {
        String name = request.tag().tag();
        TagSpec spec = stream.specTag(name).orElse(null);
        if (spec == null) {
            if (request.from().isEmpty()) {
                throw new IllegalArgumentException("tag '" + name + "' does not exist in image stream " + stream.name()
                        + "; give it a registry source to create it");
            }
            spec = TagSpec.of(name, new TagSource.DockerImage(request.from().get()));
        }
        TagSpec next = changed(spec, request);
        return next.equals(spec) && stream.specTag(name).isPresent() ? stream : stream.withTag(next);
    }

    /** {@code spec} with what {@code request} names changed, the rest as it is. */
    static TagSpec changed(TagSpec spec, ImportRequest request) {
        TagSpec next = spec;
        if (request.from().isPresent()) {
            TagSource.DockerImage from =
                    new TagSource.DockerImage(request.from().get());
            if (!spec.from().equals(java.util.Optional.of(from)) || spec.alias() || spec.reference()) {
                next = next.toBuilder().from(from).alias(false).reference(false).build();
            }
        }
        ImportPolicy policy = next.importPolicy();
        ImportPolicy wanted = new ImportPolicy(
                policy.scheduled() || request.scheduled(),
                policy.insecure() || request.insecure(),
                request.importMode().orElse(policy.importMode()));
        if (!wanted.equals(policy)) {
            next = next.withImportPolicy(wanted);
        }
        if (request.referencePolicy().isPresent()
                && !request.referencePolicy().get().equals(next.referencePolicy())) {
            next = next.withReferencePolicy(request.referencePolicy().get());
        }
        return next;
    }
}
