package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.PushedManifest;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.time.Duration;

/**
 * Puts a manifest whose blobs and children are in the target already, and checks that the target stored it under the
 * source's digest.
 */
final class ManifestPusher {
    private static final int BLOB_UNKNOWN_ATTEMPTS = 3;
    private static final Duration BLOB_UNKNOWN_PAUSE = Duration.ofMillis(50);

    private final RegistryClient client;
    private final Sleeper sleeper;

    ManifestPusher(RegistryClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /**
     * Pushes {@code manifest}, read from {@code source}'s repository, to {@code destination}.
     *
     * @throws RegistryException {@link ErrorCode#DIGEST_MISMATCH} naming both digests when the target stored it under
     *     another digest, and whatever the put fails with
     */
    PushedManifest push(ImageReference source, ImageReference destination, Manifest manifest)
            throws RegistryException, InterruptedException {
        PushedManifest stored;
        try {
            stored = putAfterBlobs(destination, manifest);
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.DIGEST_MISMATCH) {
                throw e;
            }
            throw mismatch(source, destination, manifest, "another digest (" + e.getMessage() + ")", e);
        }
        if (!stored.digest().equals(manifest.digest())) {
            throw mismatch(source, destination, manifest, stored.digest().toString(), null);
        }
        return stored;
    }

    /**
     * Puts a manifest whose blobs and children are known to be in the target, trying again when the registry still
     * answers {@link ErrorCode#MANIFEST_BLOB_UNKNOWN}: CNCF distribution rewrites a blob's link file in place on every
     * upload or mount of that blob, so a manifest put that reads the file meanwhile, as when another push shares a
     * layer, finds it empty. A blob that is really missing fails every attempt, with the registry's error.
     */
    private PushedManifest putAfterBlobs(ImageReference destination, Manifest manifest)
            throws RegistryException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.pushManifest(destination, manifest);
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
