package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyListener.BlobOutcome;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Copies an image between repositories, keeping its digest: a single manifest, an index with all its children, or one
 * platform of an index.
 *
 * <p>Order: blobs first (several at once), then child manifests by digest, children before the indexes listing them,
 * then the reference the target names, last. A copy that fails part-way therefore leaves the target's tag as it was,
 * and running it again finishes it, skipping the blobs already there.
 *
 * <p>Within one registry blobs are mounted across repositories, so no layer bytes move; a registry that declines a
 * mount gets the blob streamed. Across registries each blob is streamed from a download straight into an upload,
 * never written to disk nor held whole in memory; blobs the target already has are skipped. Manifests are pushed as
 * the exact bytes read, and the digest the target reports is checked against the source's.
 */
public final class ImageCopier {
    private static final int BLOB_UNKNOWN_ATTEMPTS = 3;
    private static final Duration BLOB_UNKNOWN_PAUSE = Duration.ofMillis(50);

    private final RegistryClient client;
    private final BlobBatch batch;
    private final Sleeper sleeper;

    /**
     * A copier that pauses with {@link Thread#sleep} before putting a manifest again.
     *
     * @param client the client for both registries (credentials and TLS for each come from its configuration)
     * @param blobExecutor runs the blob transfers; the copier never shuts it down
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
        this.client = Objects.requireNonNull(client, "client");
        if (parallelBlobs < 1) {
            throw new IllegalArgumentException("parallelBlobs must be at least 1: " + parallelBlobs);
        }
        this.batch = new BlobBatch(Objects.requireNonNull(blobExecutor, "blobExecutor"), parallelBlobs);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Copies the whole image without progress reports; see {@link #copy(ImageReference, ImageReference, CopyOptions)}. */
    public CopyResult copy(ImageReference source, ImageReference target)
            throws RegistryException, InterruptedException {
        return copy(source, target, CopyOptions.defaults());
    }

    /**
     * Copies the image {@code source} names (by tag or digest) to {@code target}: under its tag, or by digest when it
     * names only a digest.
     *
     * @return what was copied, with the digest now at {@code target}, equal to the source's
     * @throws RegistryException with the registry's code when reading the source or writing the target fails (for
     *     example {@link ErrorCode#UNAUTHORIZED} or {@link ErrorCode#DENIED} when the credentials may not push to the
     *     target); {@link ErrorCode#DIGEST_MISMATCH} naming both digests when the target stored a manifest under
     *     another digest than the source's; {@link ErrorCode#MANIFEST_UNKNOWN} when the index lacks the requested
     *     platform. The target's tag is unchanged in all these cases.
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
        options.listener().started(tree.blobs().size(), tree.blobBytes());
        BlobTransfer transfer = new BlobTransfer(client, source, target, options.listener());
        BlobBatch.Tally tally = batch.run(tree.blobs(), transfer, options.listener());
        List<Manifest> manifests = tree.manifests();
        for (Manifest child : manifests.subList(0, manifests.size() - 1)) {
            push(source, target.withDigest(child.digest()), child);
        }
        push(source, target, root);
        return new CopyResult(
                root.digest(),
                root.mediaType(),
                manifests.size(),
                tally.count(BlobOutcome.MOUNTED),
                tally.count(BlobOutcome.UPLOADED),
                tally.count(BlobOutcome.SKIPPED),
                tally.bytesUploaded());
    }

    private void push(ImageReference source, ImageReference destination, Manifest manifest)
            throws RegistryException, InterruptedException {
        Digest stored;
        try {
            stored = putAfterBlobs(destination, manifest);
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.DIGEST_MISMATCH) {
                throw e;
            }
            throw mismatch(source, destination, manifest, "another digest (" + e.getMessage() + ")", e);
        }
        if (!stored.equals(manifest.digest())) {
            throw mismatch(source, destination, manifest, stored.toString(), null);
        }
    }

    /**
     * Puts a manifest whose blobs and children are known to be in the target, trying again when the registry still
     * answers {@link ErrorCode#MANIFEST_BLOB_UNKNOWN}: CNCF distribution rewrites a blob's link file in place on every
     * upload or mount of that blob, so a manifest put that reads the file meanwhile, as when another push shares a
     * layer, finds it empty. A blob that is really missing fails every attempt, with the registry's error.
     */
    private Digest putAfterBlobs(ImageReference destination, Manifest manifest)
            throws RegistryException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.putManifest(destination, manifest);
            } catch (RegistryException e) {
                if (e.code() != ErrorCode.MANIFEST_BLOB_UNKNOWN || attempt == BLOB_UNKNOWN_ATTEMPTS) {
                    throw e;
                }
                sleeper.sleep(BLOB_UNKNOWN_PAUSE.multipliedBy(attempt));
            }
        }
    }

    private static RegistryException mismatch(
            ImageReference source, ImageReference destination, Manifest manifest, String stored, Throwable cause) {
        return new RegistryException(
                ErrorCode.DIGEST_MISMATCH,
                0,
                "copy " + manifest.digest() + " from " + source.name() + " to " + destination,
                "the source's digest is " + manifest.digest() + " but the target stored the manifest as " + stored
                        + "; a registry that rewrites manifests cannot keep a pinned reference",
                cause);
    }
}
