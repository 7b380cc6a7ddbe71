package io.jenkins.plugins.imagestreams.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds OCI image layouts without a container engine, with deterministic bytes: the same arguments always give the
 * same digests, and different {@code content} gives different ones. Push them with {@link Skopeo}.
 */
public final class TestImages {
    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final int CHUNK = 1 << 16;

    private TestImages() {}

    /** A linux/amd64 image with one layer holding one file, {@code content.txt}, that contains {@code content}. */
    public static OciLayout image(Path dir, String content) {
        OciBlobs blobs = new OciBlobs(dir);
        OciBlobs.Descriptor manifest = writeImage(blobs, content, Platform.parse("linux/amd64"), 0, 0);
        return finish(dir, blobs, manifest);
    }

    /**
     * A linux/amd64 image of {@code layers} layers, each one file of {@code bytesPerLayer} pseudo-random bytes seeded
     * by {@code content} and the layer number. Layers are streamed to disk, never held in memory.
     */
    public static OciLayout image(Path dir, String content, int layers, long bytesPerLayer) {
        if (layers < 1 || bytesPerLayer < 0) {
            throw new IllegalArgumentException("need at least one layer and a non-negative layer size");
        }
        OciBlobs blobs = new OciBlobs(dir);
        OciBlobs.Descriptor manifest = writeImage(blobs, content, Platform.parse("linux/amd64"), layers, bytesPerLayer);
        return finish(dir, blobs, manifest);
    }

    /**
     * An OCI image index with one single-platform image per {@code platforms} entry ({@code linux/amd64},
     * {@code linux/arm64}, {@code linux/arm/v7}); each child's file also names its platform, so children differ.
     */
    public static OciLayout index(Path dir, String content, String... platforms) {
        if (platforms.length == 0) {
            throw new IllegalArgumentException("an index needs at least one platform, e.g. linux/amd64");
        }
        OciBlobs blobs = new OciBlobs(dir);
        List<Object> children = new ArrayList<>();
        for (String text : platforms) {
            Platform platform = Platform.parse(text);
            OciBlobs.Descriptor child = writeImage(blobs, content + " " + text, platform, 0, 0);
            Map<String, Object> entry = child.toJson();
            entry.put("platform", platform.toJson());
            children.add(entry);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", OciLayout.OCI_INDEX);
        index.put("manifests", children);
        return finish(dir, blobs, blobs.writeJson(OciLayout.OCI_INDEX, index));
    }

    private static OciBlobs.Descriptor writeImage(
            OciBlobs blobs, String content, Platform platform, int randomLayers, long bytesPerLayer) {
        List<OciBlobs.Layer> layers = new ArrayList<>();
        if (randomLayers == 0) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            layers.add(blobs.writeLayer(tar -> {
                tar.beginFile("content.txt", bytes.length);
                tar.write(bytes, 0, bytes.length);
            }));
        }
        for (int i = 0; i < randomLayers; i++) {
            Random random = new Random(seed(content, i));
            layers.add(blobs.writeLayer(tar -> {
                tar.beginFile("layer-" + layers.size() + ".bin", bytesPerLayer);
                byte[] chunk = new byte[CHUNK];
                for (long left = bytesPerLayer; left > 0; left -= CHUNK) {
                    random.nextBytes(chunk);
                    tar.write(chunk, 0, (int) Math.min(CHUNK, left));
                }
            }));
        }
        List<Object> diffIds = new ArrayList<>();
        List<Object> layerJson = new ArrayList<>();
        for (OciBlobs.Layer layer : layers) {
            diffIds.add(layer.diffId());
            layerJson.add(layer.descriptor().toJson());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "1970-01-01T00:00:00Z");
        config.putAll(platform.toJson());
        config.put("config", Map.of());
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        config.put("rootfs", rootfs);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OciLayout.OCI_MANIFEST);
        manifest.put("config", blobs.writeJson(CONFIG, config).toJson());
        manifest.put("layers", layerJson);
        return blobs.writeJson(OciLayout.OCI_MANIFEST, manifest);
    }

    /** A seed from the first 8 bytes of sha256("LAYER/CONTENT"): stable across runs and JDKs. */
    private static long seed(String content, int layer) {
        String hex = Sha256.hex(Sha256.of((layer + "/" + content).getBytes(StandardCharsets.UTF_8)));
        return Long.parseUnsignedLong(hex.substring(0, 16), 16);
    }

    /** Writes the layout files naming {@code top}, the layout's image. */
    static OciLayout finish(Path dir, OciBlobs blobs, OciBlobs.Descriptor top) {
        blobs.writeLayoutFiles(top);
        return new OciLayout(dir, top.digest(), top.mediaType());
    }

    /** An OCI platform, {@code os/architecture[/variant]}. */
    record Platform(String os, String architecture, String variant) {
        static Platform parse(String text) {
            String[] parts = text.split("/");
            if (parts.length < 2 || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(
                        "platform '" + text + "' must be os/architecture[/variant], e.g. linux/arm/v7");
            }
            return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("architecture", architecture);
            json.put("os", os);
            if (variant != null) {
                json.put("variant", variant);
            }
            return json;
        }
    }
}
