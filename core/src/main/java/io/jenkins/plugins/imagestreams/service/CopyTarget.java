package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.Optional;

/**
 * The {@code copyTo} rule of a promotion: it names the target stream's repository. A stream without one gets it; one
 * with the same repository keeps it; one with another repository refuses the promotion.
 */
final class CopyTarget {
    private CopyTarget() {}

    /**
     * The repository {@code request.copyTo()} gives a target stream that has none yet; empty when there is no
     * {@code copyTo} or the stream already has that repository.
     *
     * @throws PromotionException when the target stream keeps its images in another repository
     */
    static Optional<ImageReference> newRepository(Optional<ImageStream> target, PromotionRequest request)
            throws PromotionException {
        if (request.copyTo().isEmpty()) {
            return Optional.empty();
        }
        ImageReference wanted = request.copyTo().get();
        Optional<ImageReference> current = target.flatMap(ImageStream::repository);
        if (current.isEmpty()) {
            return Optional.of(wanted);
        }
        if (!current.get().name().equals(wanted.name())) {
            throw new PromotionException("cannot copy into " + wanted.name() + ": image stream "
                    + request.target().stream() + " keeps its images in "
                    + current.get().name()
                    + " (its spec.repository); promote without copyTo, or change the stream's repository first");
        }
        return Optional.empty();
    }

    /** Makes {@code repository} the repository of {@code stream}, created if missing. */
    static void save(StreamStore store, StreamName stream, ImageReference repository) {
        StreamUpdater updater = new StreamUpdater(store);
        updater.createIfMissing(stream, ImageStreamSpec.empty());
        updater.update(stream, s -> s.withSpec(s.spec().withRepository(repository)));
    }
}
