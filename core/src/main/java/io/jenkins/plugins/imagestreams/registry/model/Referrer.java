package io.jenkins.plugins.imagestreams.registry.model;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a referrers list: the descriptor of a manifest or index whose {@code subject} names an image, as the
 * referrers API answers it and as the referrers tag schema's index holds it.
 *
 * @param artifactType the manifest's {@code artifactType}, else its config's media type; empty for an index without
 *     one
 * @param annotations the manifest's annotations, in their order
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">Listing
 *     Referrers</a>
 */
public record Referrer(
        String mediaType, Digest digest, long size, Optional<String> artifactType, Map<String, String> annotations) {
    public Referrer {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(artifactType, "artifactType");
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        if (size < 0) {
            throw new IllegalArgumentException("referrer " + digest + " has a negative size: " + size);
        }
    }

    /**
     * The entry for {@code manifest} that a client pushing it adds to the referrers list: its {@code artifactType},
     * else its config's media type, and all its annotations ("Pushing Manifests with Subject").
     */
    public static Referrer of(Manifest manifest) {
        Optional<String> type =
                manifest.artifactType().or(() -> manifest.config().map(Descriptor::mediaType));
        return new Referrer(manifest.mediaType(), manifest.digest(), manifest.size(), type, manifest.annotations());
    }
}
