package io.jenkins.plugins.imagestreams.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a cosign signature signs: the sigstore "simple signing" payload naming an image by its manifest digest and the
 * reference it was signed for.
 *
 * <pre>{@code
 * {"critical":{"identity":{"docker-reference":"quay.io/acme/api"},
 *              "image":{"docker-manifest-digest":"sha256:…"},
 *              "type":"cosign container image signature"},
 *  "optional":{"creator":"…"}}
 * }</pre>
 *
 * @param dockerReference the reference the image was signed for, {@code repository} or {@code repository:tag}
 * @param type always {@value #TYPE}
 * @param optional the unsigned-for-meaning annotations; values that are not JSON strings are kept as their JSON text
 * @see <a href="https://github.com/containers/image/blob/main/docs/containers-signature.5.md">the payload format</a>
 */
public record SimpleSigningPayload(
        String dockerReference, Digest manifestDigest, String type, Map<String, String> optional) {
    /** The {@code critical.type} of a cosign image signature. */
    public static final String TYPE = "cosign container image signature";
    /** Payloads are a few hundred bytes; larger ones are refused before they are parsed. */
    public static final int MAX_BYTES = 64 * 1024;

    public SimpleSigningPayload {
        Require.nonNull(
                "dockerReference, manifestDigest, type, optional", dockerReference, manifestDigest, type, optional);
        if (!TYPE.equals(type)) {
            throw new InvalidPayloadException(
                    "field 'critical.type' is '" + abbreviate(type) + "'; expected '" + TYPE + "'");
        }
        try {
            ImageReference.parse(dockerReference);
        } catch (InvalidReferenceException e) {
            throw new InvalidPayloadException(
                    "field 'critical.identity.docker-reference' is not an image reference: " + e.getMessage());
        }
        optional = Map.copyOf(optional);
    }

    /** A payload of type {@value #TYPE}. */
    public static SimpleSigningPayload of(String dockerReference, Digest manifestDigest, Map<String, String> optional) {
        return new SimpleSigningPayload(dockerReference, manifestDigest, TYPE, optional);
    }

    /**
     * Parses a payload strictly: one JSON object of at most {@value #MAX_BYTES} bytes with exactly {@code critical} and
     * optionally {@code optional}; {@code critical} with exactly {@code identity.docker-reference}, {@code
     * image.docker-manifest-digest} and {@code type}; no duplicate keys.
     *
     * @throws InvalidPayloadException naming the field that is missing, of the wrong type or unknown
     */
    public static SimpleSigningPayload parse(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw new InvalidPayloadException(
                    "payload has " + json.length + " bytes; at most " + MAX_BYTES + " are allowed");
        }
        try {
            JsonNode root = StrictJson.readObject(json, "payload");
            StrictJson.onlyFields(root, "", Set.of("critical", "optional"));
            JsonNode critical = StrictJson.object(root, "critical");
            StrictJson.onlyFields(critical, "critical", Set.of("identity", "image", "type"));
            JsonNode identity = StrictJson.object(critical, "critical.identity");
            StrictJson.onlyFields(identity, "critical.identity", Set.of("docker-reference"));
            JsonNode image = StrictJson.object(critical, "critical.image");
            StrictJson.onlyFields(image, "critical.image", Set.of("docker-manifest-digest"));
            return new SimpleSigningPayload(
                    StrictJson.text(identity, "critical.identity.docker-reference"),
                    digest(StrictJson.text(image, "critical.image.docker-manifest-digest")),
                    StrictJson.text(critical, "critical.type"),
                    optional(root.get("optional")));
        } catch (InvalidPayloadException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(e.getMessage());
        }
    }

    private static Digest digest(String text) {
        try {
            return Digest.parse(text);
        } catch (InvalidReferenceException e) {
            throw new InvalidPayloadException(
                    "field 'critical.image.docker-manifest-digest' is not a digest: " + e.getMessage());
        }
    }

    /** The payload as compact JSON, fields in cosign's order and {@code optional} sorted by key (or {@code null}). */
    public byte[] toBytes() {
        ObjectNode root = StrictJson.newObject();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
        critical.put("type", type);
        if (optional.isEmpty()) {
            root.putNull("optional");
        } else {
            ObjectNode annotations = root.putObject("optional");
            new TreeMap<>(optional).forEach(annotations::put);
        }
        return StrictJson.write(root);
    }

    private static Map<String, String> optional(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidPayloadException("field 'optional' must be an object or null");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (!value.isNull()) {
                values.put(e.getKey(), value.isTextual() ? value.asText() : value.toString());
            }
        });
        return values;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
