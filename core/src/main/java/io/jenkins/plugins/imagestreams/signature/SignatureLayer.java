package io.jenkins.plugins.imagestreams.signature;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One layer of a cosign signature manifest: the payload blob's descriptor and its signature annotation.
 *
 * @param signature the base64 text of {@value #SIGNATURE_ANNOTATION}, when the layer has one
 */
record SignatureLayer(String mediaType, Digest digest, long size, Optional<String> signature) {
    /** The media type of a layer that holds a simple-signing payload. */
    static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    /** The layer annotation holding the base64 signature over the payload. */
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    boolean isSimpleSigning() {
        return SIMPLE_SIGNING.equals(mediaType);
    }

    /**
     * The layers of {@code manifest}, in order.
     *
     * @throws IllegalArgumentException naming what is wrong when it is not a single image manifest with valid layer
     *     descriptors
     */
    static List<SignatureLayer> of(Manifest manifest) {
        if (manifest.isIndex()) {
            throw new IllegalArgumentException("it is an index, not an image manifest");
        }
        JsonNode root = StrictJson.readObject(manifest.bytes(), "the manifest");
        JsonNode layers = StrictJson.field(root, "layers", JsonNode::isArray, "a list");
        List<SignatureLayer> result = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            result.add(of(layers.get(i), "layers[" + i + "]"));
        }
        return List.copyOf(result);
    }

    private static SignatureLayer of(JsonNode layer, String path) {
        if (!layer.isObject()) {
            throw new IllegalArgumentException("field '" + path + "' is not an object");
        }
        long size = StrictJson.field(layer, path + ".size", JsonNode::canConvertToLong, "a whole number")
                .asLong();
        if (size < 0) {
            throw new IllegalArgumentException("field '" + path + ".size' is negative");
        }
        Optional<String> signature = Optional.ofNullable(layer.get("annotations"))
                .map(annotations -> annotations.get(SIGNATURE_ANNOTATION))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        return new SignatureLayer(
                StrictJson.text(layer, path + ".mediaType"),
                Digest.parse(StrictJson.text(layer, path + ".digest")),
                size,
                signature);
    }
}
