package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs images as cosign does with a key: the payload becomes one more layer of the manifest under the image's {@code
 * sha256-<hex>.sig} tag, its signature in the layer's {@value SignatureLayer#SIGNATURE_ANNOTATION} annotation. Layers
 * already there are kept byte for byte; the config gains the layer's digest. Thread-safe, but two signers appending to
 * one tag at once can lose one signature, as with cosign: the registry has no compare-and-set for tags.
 */
public final class Signer {
    /** Config blobs of existing signature images read, at most, as for manifests. */
    static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    private final RegistryClient client;
    private final Clock clock;

    /** @param clock gives the {@code created} time of a new signature image's config */
    public Signer(RegistryClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code payload} with {@code key} and appends the signature under the signature tag of {@code
     * payload.manifestDigest()} in {@code repository} (whose tag and digest are ignored).
     *
     * @throws RegistryException {@link ErrorCode#MANIFEST_UNKNOWN} when the image is not in {@code repository}, {@link
     *     ErrorCode#MANIFEST_INVALID} when the signature tag holds something that is not a signature manifest, and the
     *     registry's failures
     */
    public WrittenSignature sign(ImageReference repository, SimpleSigningPayload payload, SigningKey key)
            throws RegistryException {
        Require.nonNull("repository, payload, key", repository, payload, key);
        Digest image = payload.manifestDigest();
        client.resolve(repository.withDigest(image));
        ImageReference tag = ImageReference.of(
                repository.registry(), repository.repository(), AttachmentTags.SIGNATURE.tagFor(image));
        byte[] bytes = payload.toBytes();
        SignatureLayer layer = new SignatureLayer(
                SignatureLayer.SIMPLE_SIGNING,
                Digest.sha256(bytes),
                bytes.length,
                Optional.of(Base64.getEncoder().encodeToString(key.sign(bytes))));
        Optional<Manifest> existing = existing(tag);
        if (existing.isPresent() && layersOf(tag, existing.get()).contains(layer)) {
            return new WrittenSignature(existing.get().digest(), payload, key.id(), false);
        }
        SmallBlobs.write(client, tag, bytes);
        Descriptor config = config(tag, existing, layer);
        try {
            Manifest manifest = SignatureImage.manifest(existing, config, layer);
            return new WrittenSignature(client.putManifest(tag, manifest), payload, key.id(), true);
        } catch (IllegalArgumentException e) {
            throw invalid(tag, e.getMessage());
        }
    }

    private Optional<Manifest> existing(ImageReference tag) throws RegistryException {
        try {
            return Optional.of(client.getManifest(tag));
        } catch (RegistryException e) {
            if (e.status() == 404 || e.code() == ErrorCode.MANIFEST_UNKNOWN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<SignatureLayer> layersOf(ImageReference tag, Manifest manifest) throws RegistryException {
        try {
            return SignatureLayer.of(manifest);
        } catch (IllegalArgumentException e) {
            throw invalid(tag, e.getMessage());
        }
    }

    /** Uploads the config with {@code layer} added and returns its descriptor. */
    private Descriptor config(ImageReference tag, Optional<Manifest> existing, SignatureLayer layer)
            throws RegistryException {
        if (existing.isEmpty()) {
            byte[] config = SignatureImage.newConfig(clock.instant(), layer);
            return new Descriptor(SignatureImage.OCI_CONFIG, SmallBlobs.write(client, tag, config), config.length);
        }
        try {
            Descriptor old = existing.get()
                    .config()
                    .orElseThrow(() -> new IllegalArgumentException("the manifest names no config"));
            byte[] config = SignatureImage.appendedConfig(
                    SmallBlobs.read(client, tag, old.digest(), MAX_CONFIG_BYTES, "signature config"), layer);
            return new Descriptor(old.mediaType(), SmallBlobs.write(client, tag, config), config.length);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalid(tag, e.getMessage());
        }
    }

    private static RegistryException invalid(ImageReference tag, String detail) {
        return new RegistryException(
                ErrorCode.MANIFEST_INVALID,
                0,
                "append a signature to " + tag,
                "the tag holds no cosign signature manifest: " + detail,
                null);
    }
}
