package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes signature images by hand in the layout cosign 2 pushes (manifest, config and payload text spelled out here,
 * not produced by the package under test), with payloads and signatures made elsewhere, such as by openssl.
 */
final class HandWrittenSignatures {
    private final RegistryClient client;

    /** One signature layer: its payload, its annotation (or none), and the size its descriptor states. */
    record Layer(byte[] payload, String annotation, long declaredSize) {
        static Layer of(byte[] payload, byte[] signature) {
            return new Layer(payload, Base64.getEncoder().encodeToString(signature), payload.length);
        }

        /** The same descriptor and annotation over other bytes: what a forger pushes. */
        Layer withPayload(byte[] other) {
            return new Layer(other, annotation, other.length);
        }

        Layer withAnnotation(String text) {
            return new Layer(payload, text, declaredSize);
        }

        Layer withDeclaredSize(long size) {
            return new Layer(payload, annotation, size);
        }
    }

    HandWrittenSignatures(RegistryClient client) {
        this.client = client;
    }

    /** The payload cosign signs for {@code reference} and {@code image}, with no annotations. */
    static byte[] payload(String reference, Digest image) {
        return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference + "\"},\"image\":{"
                        + "\"docker-manifest-digest\":\"" + image
                        + "\"},\"type\":\"cosign container image signature\"},"
                        + "\"optional\":null}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes the blobs, config and manifest under {@code image}'s signature tag; returns the manifest. */
    Manifest push(ImageReference repository, Digest image, Layer... layers) throws RegistryException {
        List<String> descriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (Layer layer : layers) {
            Digest digest = upload(repository, layer.payload());
            diffIds.add("\"" + digest + "\"");
            descriptors.add("{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":"
                    + layer.declaredSize() + ",\"digest\":\"" + digest + "\""
                    + (layer.annotation() == null
                            ? ""
                            : ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + layer.annotation()
                                    + "\"}")
                    + "}");
        }
        byte[] config = ("{\"architecture\":\"\",\"created\":\"2023-02-17T09:25:33.91047962-08:00\",\"history\":["
                        + String.join(
                                ",",
                                diffIds.stream()
                                        .map(d -> "{\"created\":\"0001-01-01T00:00:00Z\"}")
                                        .toList())
                        + "],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds)
                        + "]},\"config\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = upload(repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                        + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":["
                        + String.join(",", descriptors) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        Manifest pushed = Manifest.of("application/vnd.oci.image.manifest.v1+json", manifest);
        client.putManifest(repository.withTag("sha256-" + image.hex() + ".sig"), pushed);
        return pushed;
    }

    private Digest upload(ImageReference repository, byte[] content) throws RegistryException {
        Digest digest = Digest.sha256(content);
        client.uploadBlob(repository, digest, content.length, BlobSource.of(content));
        return digest;
    }
}
