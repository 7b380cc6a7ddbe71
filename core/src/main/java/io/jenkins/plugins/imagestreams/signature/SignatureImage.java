package io.jenkins.plugins.imagestreams.signature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import java.time.Instant;
import java.util.Optional;

/**
 * The config and manifest of a signature image as cosign (through go-containerregistry's {@code mutate.Append}) writes
 * them: an OCI manifest whose layers are the signatures, and a config whose {@code rootfs.diff_ids} lists their
 * digests with one empty {@code history} entry each. Appending keeps everything already there as it was.
 */
final class SignatureImage {
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

    /** Go's zero time, which go-containerregistry writes for a history entry without one. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private SignatureImage() {}

    /** The config of a new signature image whose one layer is {@code layer}. */
    static byte[] newConfig(Instant created, SignatureLayer layer) {
        ObjectNode config = StrictJson.newObject();
        config.put("architecture", "");
        config.put("created", created.toString());
        config.putArray("history");
        config.put("os", "");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        config.putObject("config");
        return appendTo(config, layer);
    }

    /**
     * {@code existing} config with {@code layer} appended.
     *
     * @throws IllegalArgumentException when {@code existing} is not a JSON object
     */
    static byte[] appendedConfig(byte[] existing, SignatureLayer layer) {
        return appendTo((ObjectNode) StrictJson.readObject(existing, "the signature config"), layer);
    }

    private static byte[] appendTo(ObjectNode config, SignatureLayer layer) {
        ObjectNode rootfs = config.get("rootfs") instanceof ObjectNode o ? o : config.putObject("rootfs");
        if (!rootfs.has("type")) {
            rootfs.put("type", "layers");
        }
        ArrayNode diffIds = rootfs.get("diff_ids") instanceof ArrayNode a ? a : rootfs.putArray("diff_ids");
        diffIds.add(layer.digest().toString());
        if (config.get("history") instanceof ArrayNode history) {
            history.addObject().put("created", ZERO_TIME);
        }
        return StrictJson.write(config);
    }

    /**
     * The manifest after appending {@code layer}: {@code existing} with its config descriptor pointing at {@code config}
     * and the layer last, or a new OCI manifest.
     *
     * @throws IllegalArgumentException when {@code existing} is not a JSON object
     */
    static Manifest manifest(Optional<Manifest> existing, Descriptor config, SignatureLayer layer) {
        ObjectNode root;
        String mediaType;
        if (existing.isPresent()) {
            root = (ObjectNode) StrictJson.readObject(existing.get().bytes(), "the signature manifest");
            mediaType = existing.get().mediaType();
        } else {
            root = StrictJson.newObject();
            mediaType = MediaTypes.OCI_MANIFEST;
            root.put("schemaVersion", 2);
            root.put("mediaType", mediaType);
        }
        root.set("config", descriptor(config));
        ArrayNode layers = root.get("layers") instanceof ArrayNode a ? a : root.putArray("layers");
        ObjectNode added = descriptor(new Descriptor(layer.mediaType(), layer.digest(), layer.size()));
        layer.signature().ifPresent(s -> added.putObject("annotations").put(SignatureLayer.SIGNATURE_ANNOTATION, s));
        layers.add(added);
        return Manifest.of(mediaType, StrictJson.write(root));
    }

    private static ObjectNode descriptor(Descriptor descriptor) {
        ObjectNode node = StrictJson.newObject();
        node.put("mediaType", descriptor.mediaType());
        node.put("size", descriptor.size());
        node.put("digest", descriptor.digest().toString());
        return node;
    }
}
