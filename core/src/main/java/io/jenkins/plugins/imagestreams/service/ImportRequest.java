package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.Optional;

/**
 * An import of one stream tag, optionally giving it a registry source or changing how it imports. What the request
 * does not name stays as stored; see {@link ImageStreamService#importTag}.
 *
 * @param tag the stream tag to import into
 * @param from a new registry source; empty to import the tag's own source again
 * @param scheduled turn scheduled imports on ({@code false} leaves the stored setting)
 * @param insecure turn insecure access on ({@code false} leaves the stored setting)
 * @param importMode a new import mode; empty leaves the stored one
 * @param referencePolicy a new reference policy; empty leaves the stored one
 */
public record ImportRequest(
        TagSource.ImageStreamTag tag,
        Optional<ImageReference> from,
        boolean scheduled,
        boolean insecure,
        Optional<ImportMode> importMode,
        Optional<ReferencePolicy> referencePolicy) {
    public ImportRequest {
        Require.nonNull("tag, from, importMode, referencePolicy", tag, from, importMode, referencePolicy);
    }

    /** Imports {@code tag} again from its own source. */
    public static ImportRequest of(TagSource.ImageStreamTag tag) {
        return new ImportRequest(tag, Optional.empty(), false, false, Optional.empty(), Optional.empty());
    }

    public ImportRequest withFrom(ImageReference value) {
        return new ImportRequest(tag, Optional.of(value), scheduled, insecure, importMode, referencePolicy);
    }

    public ImportRequest withScheduled(boolean value) {
        return new ImportRequest(tag, from, value, insecure, importMode, referencePolicy);
    }

    public ImportRequest withInsecure(boolean value) {
        return new ImportRequest(tag, from, scheduled, value, importMode, referencePolicy);
    }

    public ImportRequest withImportMode(ImportMode value) {
        return new ImportRequest(tag, from, scheduled, insecure, Optional.of(value), referencePolicy);
    }

    public ImportRequest withReferencePolicy(ReferencePolicy value) {
        return new ImportRequest(tag, from, scheduled, insecure, importMode, Optional.of(value));
    }

    /** Whether the request changes the tag's spec, not only imports it. */
    boolean changesSpec() {
        return from.isPresent() || scheduled || insecure || importMode.isPresent() || referencePolicy.isPresent();
    }
}
