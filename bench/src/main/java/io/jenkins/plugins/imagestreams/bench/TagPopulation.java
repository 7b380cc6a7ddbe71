package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a registry with many small, distinct images quickly: one shared layer per repository and a config per tag, so
 * every tag has its own digest.
 */
final class TagPopulation {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

    private TagPopulation() {}

    /** Repositories filled at once: the registry takes a few writers on two cores. */
    private static final int WRITERS = 4;

    /**
     * Pushes {@code repositories × tagsPerRepository} images named {@code bench/r<i>:t<j>}, {@value #WRITERS}
     * repositories at a time.
     *
     * @return the references of every tag pushed, repository by repository
     */
    static List<ImageReference> push(RegistryClient client, String registry, int repositories, int tagsPerRepository)
            throws RegistryException, InterruptedException {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<List<ImageReference>>> pushed = new ArrayList<>();
            for (int r = 0; r < repositories; r++) {
                int repository = r;
                pushed.add(writers.submit(() -> pushRepository(client, registry, repository, tagsPerRepository)));
            }
            List<ImageReference> tags = new ArrayList<>();
            for (Future<List<ImageReference>> repository : pushed) {
                try {
                    tags.addAll(repository.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RegistryException failed) {
                        throw failed;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return tags;
        } finally {
            writers.shutdownNow();
        }
    }

    private static List<ImageReference> pushRepository(
            RegistryClient client, String registry, int r, int tagsPerRepository) throws RegistryException {
        byte[] layer = "a layer shared by every benchmark image\n".getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = Digest.sha256(layer);
        List<ImageReference> tags = new ArrayList<>();
        ImageReference repository = ImageReference.parse(registry + "/bench/r" + r + ":t0");
        client.uploadBlob(repository, layerDigest, layer.length, BlobSource.of(layer));
        for (int t = 0; t < tagsPerRepository; t++) {
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"tag\":\"r" + r
                            + "t" + t + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest
                            + "\"]}}")
                    .getBytes(StandardCharsets.UTF_8);
            Digest configDigest = Digest.sha256(config);
            ImageReference tag = repository.withTag("t" + t);
            client.uploadBlob(tag, configDigest, config.length, BlobSource.of(config));
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                    + descriptor(new Descriptor(OCI_CONFIG, configDigest, config.length)) + ",\"layers\":["
                    + descriptor(new Descriptor(OCI_LAYER, layerDigest, layer.length)) + "]}";
            client.putManifest(tag, Manifest.of(OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)));
            tags.add(tag);
        }
        return tags;
    }

    private static String descriptor(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
    }
}
