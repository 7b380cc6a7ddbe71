package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.Attachment;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.PushedManifest;
import io.jenkins.plugins.imagestreams.registry.model.Referrer;
import io.jenkins.plugins.imagestreams.registry.model.ReferrersIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the attachments {@link AttachmentFinder} found into the target repository, their blobs being there already:
 * each attachment's children by digest, then the attachment, a cosign one under its tag and a referrer by digest.
 * Where the target registry did not list a pushed referrer itself (no {@code OCI-Subject} in its answer, as CNCF
 * distribution 2.8), the subject's referrers tag is kept as the distribution spec asks of clients: read (absent is
 * empty), extended by the referrers it does not list yet, and pushed back when anything was added.
 */
final class AttachmentWriter {
    private final RegistryClient client;
    private final ManifestPusher pusher;
    private final ImageReference source;
    private final ImageReference target;

    AttachmentWriter(RegistryClient client, ManifestPusher pusher, ImageReference source, ImageReference target) {
        this.client = client;
        this.pusher = pusher;
        this.source = source;
        this.target = target;
    }

    /**
     * Writes {@code found}.
     *
     * @return how many manifests and indexes were pushed, referrers tags included
     * @throws RegistryException as pushing fails; {@link ErrorCode#MANIFEST_INVALID} when a target referrers tag
     *     holds something other than an image index, which is then left as it is
     */
    int write(List<AttachmentFinder.Found> found) throws RegistryException, InterruptedException {
        Map<Digest, List<Referrer>> unlisted = new LinkedHashMap<>();
        Set<Digest> byDigest = new HashSet<>();
        int pushed = 0;
        for (AttachmentFinder.Found one : found) {
            List<Manifest> manifests = one.tree().manifests();
            for (Manifest child : manifests.subList(0, manifests.size() - 1)) {
                if (byDigest.add(child.digest())) {
                    pusher.push(source, target.withDigest(child.digest()), child);
                    pushed++;
                }
            }
            Attachment attachment = one.attachment();
            Manifest root = one.tree().root();
            if (attachment.tag().isPresent()) {
                pusher.push(source, target.withTag(attachment.tag().get()), root);
                pushed++;
            } else if (byDigest.add(root.digest())) {
                PushedManifest answer = pusher.push(source, target.withDigest(root.digest()), root);
                pushed++;
                if (answer.subject().filter(attachment.subject()::equals).isEmpty()) {
                    unlisted.computeIfAbsent(attachment.subject(), s -> new ArrayList<>())
                            .add(Referrer.of(root));
                }
            }
        }
        for (Map.Entry<Digest, List<Referrer>> subject : unlisted.entrySet()) {
            if (keepReferrersTag(subject.getKey(), subject.getValue())) {
                pushed++;
            }
        }
        return pushed;
    }

    /** Adds {@code referrers} to the target's referrers tag of {@code subject}; returns whether it pushed. */
    private boolean keepReferrersTag(Digest subject, List<Referrer> referrers)
            throws RegistryException, InterruptedException {
        ImageReference tag = target.withTag(AttachmentTags.referrersTag(subject));
        Optional<Manifest> current = AttachmentFinder.readIfPresent(client, tag);
        ReferrersIndex index;
        try {
            index = current.map(ReferrersIndex::parse).orElse(ReferrersIndex.EMPTY);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    ErrorCode.MANIFEST_INVALID,
                    0,
                    "list the referrers of " + subject + " under " + tag,
                    e.getMessage() + "; the tag is left as it is. Point it at an image index of the referrers, or"
                            + " delete it, then copy again",
                    e);
        }
        ReferrersIndex updated = index.withAdded(referrers);
        if (updated == index) {
            return false;
        }
        pusher.push(target, tag, updated.toManifest());
        return true;
    }
}
