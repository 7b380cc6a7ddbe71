package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes small, always new images with the registry client, as fast as a registry takes them: one layer shared by a
 * repository (uploaded once) and a new config per push, so every push gives the tag a digest it never had.
 */
final class ImagePusher {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    private static final byte[] LAYER = "one layer shared by every pushed image\n".getBytes(StandardCharsets.UTF_8);
    private static final Digest LAYER_DIGEST = Digest.sha256(LAYER);

    private final RegistryClient client;
    private final String nonce;
    private final AtomicLong pushes = new AtomicLong();
    private final Map<String, Object> layerLocks = new ConcurrentHashMap<>();
    private final Set<String> repositoriesWithLayer = ConcurrentHashMap.newKeySet();

    /** @param nonce goes into every config, so pushers with different nonces never produce the same digest */
    ImagePusher(RegistryClient client, String nonce) {
        this.client = client;
        this.nonce = nonce;
    }

    /** Pushes a new image to {@code tag} and returns its manifest digest. */
    Digest push(ImageReference tag) throws RegistryException {
        String repository = tag.registry() + "/" + tag.repository();
        uploadLayerOnce(tag, repository);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"push\":\"" + nonce
                        + "-" + pushes.incrementAndGet() + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + LAYER_DIGEST + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        client.uploadBlob(tag, configDigest, config.length, BlobSource.of(config));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                + descriptor(OCI_CONFIG, configDigest, config.length) + ",\"layers\":["
                + descriptor(OCI_LAYER, LAYER_DIGEST, LAYER.length) + "]}";
        return client.putManifest(tag, Manifest.of(OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Uploads the shared layer to a repository once, even when several threads push to it at the same time: the
     * registry's filesystem driver rewrites a blob's link file in place (truncate, then write) on every upload, and a
     * manifest put that reads the link file in between fails with {@code BLOB_UNKNOWN}.
     */
    private void uploadLayerOnce(ImageReference tag, String repository) throws RegistryException {
        synchronized (layerLocks.computeIfAbsent(repository, r -> new Object())) {
            if (!repositoriesWithLayer.contains(repository)) {
                client.uploadBlob(tag, LAYER_DIGEST, LAYER.length, BlobSource.of(LAYER));
                repositoriesWithLayer.add(repository);
            }
        }
    }

    /** How many images were pushed. */
    long pushes() {
        return pushes.get();
    }

    private static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }
}
