package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.Attachment;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.Referrer;
import io.jenkins.plugins.imagestreams.registry.model.ReferrersIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds what is attached to manifests of one source repository, cheaply: per subject one {@code GET} per cosign tag
 * (a {@code 404} means none), one referrers API request and, only where the registry has no referrers API, one
 * {@code GET} of the referrers tag; then one {@code GET} per referrer listed. The first subject shows whether the
 * registry has a referrers API; the others then ask only where the answer is. The lookups run at once on the
 * executor, so finding costs a few round trips whatever the number of subjects.
 *
 * <p>An attachment tag or a listed referrer that is absent is not carried. A listed referrer whose {@code subject} is
 * another manifest is refused, since carrying it would attach foreign content to the image.
 */
final class AttachmentFinder {
    /** An attachment and its manifests and blobs, as read from the source. */
    record Found(Attachment attachment, ImageTree tree) {}

    /** A referrers list, and whether the referrers API gave it. */
    private record Listing(ReferrersIndex index, boolean byApi) {}

    private final RegistryClient client;
    private final ImageReference source;
    private final Lookups lookups;

    AttachmentFinder(RegistryClient client, ImageReference source, Lookups lookups) {
        this.client = client;
        this.source = source;
        this.lookups = lookups;
    }

    /**
     * What is attached to each of {@code subjects}, subject by subject: its cosign attachments, then its referrers in
     * the list's order.
     *
     * @throws RegistryException {@link ErrorCode#MANIFEST_INVALID} naming both digests for a listed referrer whose
     *     subject is another manifest, and whatever reading the attachments fails with, other than their absence
     * @throws InterruptedException when interrupted while waiting for a lookup
     */
    List<Found> find(List<Digest> subjects) throws RegistryException, InterruptedException {
        if (subjects.isEmpty()) {
            return List.of();
        }
        List<List<CompletableFuture<Optional<Found>>>> tagged = new ArrayList<>();
        for (Digest subject : subjects) {
            List<CompletableFuture<Optional<Found>>> ofSubject = new ArrayList<>();
            for (AttachmentTags tags : AttachmentTags.values()) {
                ofSubject.add(lookups.start(() -> cosign(subject, tags)));
            }
            tagged.add(ofSubject);
        }
        Listing first = referrersOf(subjects.get(0), true);
        List<CompletableFuture<ReferrersIndex>> listings = new ArrayList<>();
        listings.add(CompletableFuture.completedFuture(first.index()));
        for (Digest subject : subjects.subList(1, subjects.size())) {
            listings.add(lookups.start(() -> referrersOf(subject, first.byApi()).index()));
        }
        List<List<CompletableFuture<Optional<Found>>>> referred = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            Digest subject = subjects.get(i);
            List<CompletableFuture<Optional<Found>>> ofSubject = new ArrayList<>();
            for (Referrer referrer : Lookups.join(listings.get(i)).referrers()) {
                ofSubject.add(lookups.start(() -> referrer(subject, referrer.digest())));
            }
            referred.add(ofSubject);
        }
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            collect(tagged.get(i), found);
            collect(referred.get(i), found);
        }
        return found;
    }

    /**
     * The manifest {@code ref} names, or empty when the registry has no such tag or digest.
     *
     * @throws RegistryException for every other failure
     */
    static Optional<Manifest> readIfPresent(RegistryClient client, ImageReference ref) throws RegistryException {
        try {
            return Optional.of(client.getManifest(ref));
        } catch (RegistryException e) {
            if (e.code() == ErrorCode.MANIFEST_UNKNOWN || e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void collect(List<CompletableFuture<Optional<Found>>> lookups, List<Found> into)
            throws RegistryException, InterruptedException {
        for (CompletableFuture<Optional<Found>> lookup : lookups) {
            Lookups.join(lookup).ifPresent(into::add);
        }
    }

    private Optional<Found> cosign(Digest subject, AttachmentTags tags) throws RegistryException {
        String tag = tags.tagFor(subject);
        Optional<Manifest> manifest = readIfPresent(client, source.withTag(tag));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = manifest.get();
        Attachment attachment = Attachment.tagged(Attachment.Kind.of(tags), subject, tag, m.digest(), m.mediaType());
        return Optional.of(new Found(attachment, ImageTree.of(client, source, m)));
    }

    private Optional<Found> referrer(Digest subject, Digest listed) throws RegistryException {
        Optional<Manifest> manifest = readIfPresent(client, source.withDigest(listed));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = requireSubject(manifest.get(), subject);
        Attachment attachment = Attachment.referrer(
                subject, m.digest(), m.mediaType(), Referrer.of(m).artifactType());
        return Optional.of(new Found(attachment, ImageTree.of(client, source, m)));
    }

    /**
     * The referrers list of {@code subject}: the referrers API's when {@code askApi} and the registry has one, else
     * the referrers tag's; a tag that holds no valid image index stands for no referrers, as the distribution spec
     * says.
     */
    private Listing referrersOf(Digest subject, boolean askApi) throws RegistryException {
        if (askApi) {
            Optional<ReferrersIndex> listed = client.listReferrers(source, subject);
            if (listed.isPresent()) {
                return new Listing(listed.get(), true);
            }
        }
        Optional<Manifest> tagged = readIfPresent(client, source.withTag(AttachmentTags.referrersTag(subject)));
        try {
            return new Listing(tagged.map(ReferrersIndex::parse).orElse(ReferrersIndex.EMPTY), false);
        } catch (IllegalArgumentException e) {
            return new Listing(ReferrersIndex.EMPTY, false);
        }
    }

    private Manifest requireSubject(Manifest referrer, Digest subject) throws RegistryException {
        Optional<Digest> claimed;
        try {
            claimed = referrer.subject().map(Descriptor::digest);
        } catch (IllegalStateException e) {
            claimed = Optional.empty();
        }
        if (claimed.filter(subject::equals).isPresent()) {
            return referrer;
        }
        throw new RegistryException(
                ErrorCode.MANIFEST_INVALID,
                0,
                "carry referrer " + referrer.digest() + " of " + subject + " from " + source.name(),
                "the referrers list of " + subject + " names " + referrer.digest() + ", whose subject is "
                        + claimed.map(Digest::toString).orElse("missing") + ", not " + subject
                        + "; it is not attached to this image, so nothing is copied. Remove it from the source's"
                        + " referrers list (the tag " + AttachmentTags.referrersTag(subject)
                        + " where the registry has no referrers API), or copy without attachments",
                null);
    }
}
