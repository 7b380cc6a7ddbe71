package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyListener.BlobOutcome;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Copies an image between repositories, keeping its digest: a single manifest, an index with all its children, or one
 * platform of an index; with what is attached to each manifest copied (unless {@link CopyOptions#attachments()} is
 * off): the sigstore/cosign signature, attestation and SBOM tags ({@code sha256-<hex>.sig}, {@code .att},
 * {@code .sbom}) and the OCI 1.1 referrers, found through the referrers API or else the referrers tag schema. An index
 * carries what is attached to it and to each child; one platform copied carries what is attached to that child.
 *
 * <p>Order: the image's blobs first, several at once, while its attachments are looked up (on the calling thread and,
 * between blobs, on the blob executor), so that their round trips overlap the transfers; the attachments' blobs that
 * the image lacks join the transfers once found; then child manifests by digest, children before the indexes listing
 * them, then the attachments (each cosign one under its tag, each referrer by digest, then the target's referrers tags
 * where its registry does not list referrers itself), then the reference the target names, last. A copy that fails
 * part-way, an attachment included, therefore leaves the target's tag as it was, and running it again finishes it,
 * skipping the blobs already there.
 *
 * <p>Within one registry blobs are mounted across repositories, so no layer bytes move; a registry that declines a
 * mount gets the blob streamed. Across registries each blob is streamed from a download straight into an upload,
 * never written to disk nor held whole in memory; blobs the target already has are skipped. Manifests are pushed as
 * the exact bytes read, and the digest the target reports is checked against the source's. A copy into the source's
 * own repository carries nothing: the attachments are there already.
 *
 * <p>Finding attachments costs, per manifest copied, one request per cosign tag, one referrers API request and, where
 * the registry has no referrers API, one read of the referrers tag; then one read per attachment found. A cosign tag
 * or a listed referrer that is absent is not carried; a listed referrer whose {@code subject} is another manifest
 * fails the copy before any manifest is written and before the attachments' blobs move (the image's own blobs may be
 * in the target then, unreferenced, and a copy run again skips them). A cosign tag already in the target is replaced
 * by the source's.
 */
public final class ImageCopier {
    private final RegistryClient client;
    private final Lookups lookups;
    private final BlobBatch batch;
    private final ManifestPusher pusher;
    private final Metrics metrics;

    /**
     * A copier that pauses with {@link Thread#sleep} before putting a manifest again.
     *
     * @param client the client for both registries (credentials and TLS for each come from its configuration)
     * @param blobExecutor runs the blob transfers and the lookups of attachments; the copier never shuts it down
     * @param parallelBlobs how many blobs move at once, at least 1
     */
    public ImageCopier(RegistryClient client, Executor blobExecutor, int parallelBlobs) {
        this(client, blobExecutor, parallelBlobs, Sleeper.threadSleep());
    }

    /**
     * A copier as {@link #ImageCopier(RegistryClient, Executor, int)}, pausing with {@code sleeper} before putting a
     * manifest again.
     */
    public ImageCopier(RegistryClient client, Executor blobExecutor, int parallelBlobs, Sleeper sleeper) {
        this(client, blobExecutor, parallelBlobs, sleeper, Metrics.NONE);
    }

    /** A copier as {@link #ImageCopier(RegistryClient, Executor, int)}, counting every copy it ends in {@code metrics}. */
    public ImageCopier(RegistryClient client, Executor blobExecutor, int parallelBlobs, Metrics metrics) {
        this(client, blobExecutor, parallelBlobs, Sleeper.threadSleep(), metrics);
    }

    private ImageCopier(
            RegistryClient client, Executor blobExecutor, int parallelBlobs, Sleeper sleeper, Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.client = Objects.requireNonNull(client, "client");
        if (parallelBlobs < 1) {
            throw new IllegalArgumentException("parallelBlobs must be at least 1: " + parallelBlobs);
        }
        this.lookups = new Lookups(Objects.requireNonNull(blobExecutor, "blobExecutor"));
        this.batch = new BlobBatch(blobExecutor, parallelBlobs);
        this.pusher = new ManifestPusher(client, Objects.requireNonNull(sleeper, "sleeper"));
    }

    /** Copies the whole image without progress reports; see {@link #copy(ImageReference, ImageReference, CopyOptions)}. */
    public CopyResult copy(ImageReference source, ImageReference target)
            throws RegistryException, InterruptedException {
        return copy(source, target, CopyOptions.defaults());
    }

    /**
     * Copies the image {@code source} names (by tag or digest) to {@code target}: under its tag, or by digest when it
     * names only a digest; with its attachments as {@code options} say.
     *
     * @return what was copied, with the digest now at {@code target}, equal to the source's, and what was carried
     * @throws RegistryException with the registry's code when reading the source or writing the target fails (for
     *     example {@link ErrorCode#UNAUTHORIZED} or {@link ErrorCode#DENIED} when the credentials may not push to the
     *     target), reading or writing an attachment included, naming its tag or digest; {@link
     *     ErrorCode#DIGEST_MISMATCH} naming both digests when the target stored a manifest under another digest than
     *     the source's; {@link ErrorCode#MANIFEST_UNKNOWN} when the index lacks the requested platform; {@link
     *     ErrorCode#MANIFEST_INVALID} naming both digests when the source lists a referrer whose subject is another
     *     manifest, or when a target referrers tag holds no image index. The target's tag is unchanged in all these
     *     cases.
     * @throws IllegalArgumentException when {@code target} names a digest other than the source image's
     * @throws InterruptedException when interrupted while blobs are moving (transfers under way finish first) or
     *     while waiting to put a manifest again
     */
    public CopyResult copy(ImageReference source, ImageReference target, CopyOptions options)
            throws RegistryException, InterruptedException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        ImageTree tree = ImageTree.read(client, source, options.platform());
        Manifest root = tree.root();
        if (target.digest().isPresent() && !target.digest().get().equals(root.digest())) {
            throw new IllegalArgumentException(
                    "target " + target + " names digest " + target.digest().get()
                            + " but the source " + source + " is " + root.digest()
                            + "; name the target by tag, or by the source's digest");
        }
        CopyListener listener = options.listener();
        BlobTransfer transfer = new BlobTransfer(client, source, target, listener);
        listener.started(tree.blobs().size(), bytes(tree.blobs()));
        BlobBatch.Running moving = batch.start(tree.blobs(), transfer, listener);
        List<AttachmentFinder.Found> found;
        try {
            found = findAttachments(source, target, tree, options);
        } catch (RegistryException | InterruptedException | RuntimeException | Error e) {
            abandon(moving, e);
            throw e;
        }
        List<Descriptor> more = attachmentBlobs(tree, found);
        if (!more.isEmpty()) {
            listener.attachmentBlobs(more.size(), bytes(more));
            moving.add(more);
        }
        BlobBatch.Tally tally = moving.await();
        List<Manifest> manifests = tree.manifests();
        for (Manifest child : manifests.subList(0, manifests.size() - 1)) {
            pusher.push(source, target.withDigest(child.digest()), child);
        }
        int carriedManifests = new AttachmentWriter(client, pusher, source, target).write(found);
        pusher.push(source, target, root);
        CopyResult result = new CopyResult(
                root.digest(),
                root.mediaType(),
                manifests.size() + carriedManifests,
                tally.count(BlobOutcome.MOUNTED),
                tally.count(BlobOutcome.UPLOADED),
                tally.count(BlobOutcome.SKIPPED),
                tally.bytesUploaded(),
                found.stream().map(AttachmentFinder.Found::attachment).toList());
        metrics.copied(result);
        return result;
    }

    /** What is attached to each manifest of {@code tree}; nothing when off, or when copying within one repository. */
    private List<AttachmentFinder.Found> findAttachments(
            ImageReference source, ImageReference target, ImageTree tree, CopyOptions options)
            throws RegistryException, InterruptedException {
        if (!options.attachments() || source.name().equals(target.name())) {
            return List.of();
        }
        List<Digest> subjects = tree.manifests().stream().map(Manifest::digest).toList();
        return new AttachmentFinder(client, source, lookups).find(subjects);
    }

    /** Waits for the blobs under way once {@code cause} ended the copy, keeping an interruption meanwhile. */
    private static void abandon(BlobBatch.Running moving, Throwable cause) {
        try {
            moving.abandon(cause);
        } catch (InterruptedException e) {
            cause.addSuppressed(e);
            Thread.currentThread().interrupt();
        }
    }

    /** The distinct blobs of the attachments that the image does not have. */
    private static List<Descriptor> attachmentBlobs(ImageTree tree, List<AttachmentFinder.Found> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Set<Digest> image = new HashSet<>();
        tree.blobs().forEach(blob -> image.add(blob.digest()));
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        for (AttachmentFinder.Found one : found) {
            one.tree().blobs().stream()
                    .filter(blob -> !image.contains(blob.digest()))
                    .forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
        }
        return new ArrayList<>(blobs.values());
    }

    private static long bytes(List<Descriptor> blobs) {
        return blobs.stream().mapToLong(Descriptor::size).sum();
    }
}
