package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.Optional;

/**
 * A promotion of the image {@code source} points at into {@code target}; see {@link ImageStreamService#promote}.
 *
 * @param options who asks, an extra gate, workloads, rollout wait, copy options
 * @param copyTo the repository to copy the image into (its tag is ignored): the target stream's own repository
 * @param cluster how to reach the cluster of {@code options.workloads()}; needed when there are any
 */
public record PromotionRequest(
        TagSource.ImageStreamTag source,
        TagSource.ImageStreamTag target,
        PromotionOptions options,
        Optional<ImageReference> copyTo,
        Optional<ClusterAccess> cluster) {
    public PromotionRequest {
        Require.nonNull("source, target, options, copyTo, cluster", source, target, options, copyTo, cluster);
    }

    /** Promotes {@code source} into {@code target} with {@code options}, without copy or cluster. */
    public static PromotionRequest of(
            TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, PromotionOptions options) {
        return new PromotionRequest(source, target, options, Optional.empty(), Optional.empty());
    }

    /**
     * With {@code repository} ({@code registry/path}, no tag, no digest) as where the image is copied to.
     *
     * @throws IllegalArgumentException naming {@code repository} when it is not of that form
     */
    public PromotionRequest withCopyTo(String repository) {
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        if (repository.indexOf('/') < 0 || last.contains(":") || repository.contains("@")) {
            throw new IllegalArgumentException("'" + repository
                    + "' must name a repository with its registry and no tag or digest, e.g."
                    + " registry.example.com/prod/app; the image keeps the target tag's name there");
        }
        ImageReference parsed = ImageReference.parse(repository);
        return new PromotionRequest(source, target, options, Optional.of(ImageReference.parse(parsed.name())), cluster);
    }

    public PromotionRequest withCluster(ClusterAccess access) {
        return new PromotionRequest(source, target, options, copyTo, Optional.of(access));
    }
}
