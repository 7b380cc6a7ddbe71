package io.jenkins.plugins.imagestreams.registry.model;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry said when it stored a manifest.
 *
 * @param digest the manifest's digest, which the registry confirmed when it announced one
 * @param subject the {@code OCI-Subject} header: present when the registry has a referrers API and listed the
 *     manifest as a referrer of this digest there, so no client needs to keep the referrers tag for it
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests-with-subject">
 *     Pushing Manifests with Subject</a>
 */
public record PushedManifest(Digest digest, Optional<Digest> subject) {
    public PushedManifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(subject, "subject");
    }
}
