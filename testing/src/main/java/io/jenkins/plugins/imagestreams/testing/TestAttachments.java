package io.jenkins.plugins.imagestreams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds OCI layouts of what gets attached to images, as cosign and OCI 1.1 clients push them, with deterministic
 * bytes: cosign-style signature, attestation and SBOM manifests (pushed under {@code sha256-<hex>.sig}, {@code .att},
 * {@code .sbom}), referrers (manifests with a {@code subject} and an {@code artifactType}), and the referrers tag
 * schema's index of them. Push them with {@link Skopeo}, as {@link TestImages}' images; a referrers index with
 * {@link RawManifestPush}, after its referrers, since skopeo would drop its entries' {@code artifactType}.
 */
public final class TestAttachments {
    /** The layer media type of a cosign signature. */
    public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    /** The layer media type of a cosign attestation. */
    public static final String DSSE = "application/vnd.dsse.envelope.v1+json";
    /** A layer media type of a cosign SBOM. */
    public static final String SPDX = "text/spdx+json";
    /** The config media type of OCI 1.1 artifacts, whose config is {@code {}}. */
    public static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestAttachments() {}

    /** The manifest an attachment names as its {@code subject}. */
    public record Subject(String mediaType, String digest, long size) {
        /** The top manifest or index of {@code image}. */
        public static Subject of(OciLayout image) {
            return new Subject(image.mediaType(), image.digest(), image.manifestBytes().length);
        }

        Map<String, Object> toJson() {
            return new OciBlobs.Descriptor(mediaType, digest, size).toJson();
        }
    }

    /**
     * A cosign-style attachment: an OCI image manifest with an image config and one layer of {@code layerMediaType}
     * holding {@code payload}, annotated as cosign annotates signatures.
     */
    public static OciLayout cosign(Path dir, String layerMediaType, String payload) {
        OciBlobs blobs = new OciBlobs(dir);
        OciBlobs.Descriptor layer = blobs.write(layerMediaType, payload.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", List.of(layer.digest()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "");
        config.put("created", "0001-01-01T00:00:00Z");
        config.put("os", "");
        config.put("rootfs", rootfs);
        config.put("config", Map.of());
        Map<String, Object> layerJson = layer.toJson();
        layerJson.put("annotations", Map.of("dev.cosignproject.cosign/signature", "MEUCIQ" + layer.digest()));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OciLayout.OCI_MANIFEST);
        manifest.put(
                "config",
                blobs.writeJson("application/vnd.oci.image.config.v1+json", config)
                        .toJson());
        manifest.put("layers", List.of(layerJson));
        return TestImages.finish(dir, blobs, blobs.writeJson(OciLayout.OCI_MANIFEST, manifest));
    }

    /**
     * An OCI 1.1 referrer of {@code subject}: an image manifest with {@code artifactType}, the empty config
     * ({@code {}}), one layer of {@code artifactType} holding {@code payload}, and a creation annotation.
     */
    public static OciLayout referrer(Path dir, Subject subject, String artifactType, String payload) {
        OciBlobs blobs = new OciBlobs(dir);
        OciBlobs.Descriptor config = blobs.write(EMPTY_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
        OciBlobs.Descriptor layer = blobs.write(artifactType, payload.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OciLayout.OCI_MANIFEST);
        manifest.put("artifactType", artifactType);
        manifest.put("config", config.toJson());
        manifest.put("layers", List.of(layer.toJson()));
        manifest.put("subject", subject.toJson());
        manifest.put("annotations", Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00Z"));
        return TestImages.finish(dir, blobs, blobs.writeJson(OciLayout.OCI_MANIFEST, manifest));
    }

    /**
     * The referrers list the referrers tag schema keeps: an OCI image index of {@code referrers}' descriptors (media
     * type, digest, size, artifact type, annotations), their manifests and blobs copied into {@code dir} as well.
     */
    public static OciLayout referrersIndex(Path dir, OciLayout... referrers) {
        OciBlobs blobs = new OciBlobs(dir);
        List<Object> entries = new ArrayList<>();
        for (OciLayout referrer : referrers) {
            copyBlobs(referrer, dir);
            JsonNode manifest = read(referrer.manifestBytes());
            Map<String, Object> entry = new OciBlobs.Descriptor(
                            referrer.mediaType(), referrer.digest(), referrer.manifestBytes().length)
                    .toJson();
            entry.put("artifactType", manifest.path("artifactType").asText());
            entry.put("annotations", JSON.convertValue(manifest.path("annotations"), Map.class));
            entries.add(entry);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", OciLayout.OCI_INDEX);
        index.put("manifests", entries);
        return TestImages.finish(dir, blobs, blobs.writeJson(OciLayout.OCI_INDEX, index));
    }

    private static void copyBlobs(OciLayout from, Path dir) {
        Path target = dir.resolve("blobs").resolve("sha256");
        try (Stream<Path> files = Files.list(from.dir().resolve("blobs").resolve("sha256"))) {
            for (Path blob : files.toList()) {
                Files.copy(blob, target.resolve(blob.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
