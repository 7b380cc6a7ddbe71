package io.jenkins.plugins.imagestreams.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.json.SharedMapper;
import java.util.List;

/**
 * A JSON Patch (RFC 6902) that sets the image of the chosen containers and nothing else. Each change first tests the
 * container's name and old image at its index, so a workload edited since it was read fails the patch instead of
 * getting the image in the wrong container. JSON Patch works on every kind, custom or not, unlike a strategic merge.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc6902">RFC 6902</a>
 */
final class ImagePatch {

    private ImagePatch() {}

    /** The patch text for {@code changes} in a workload whose pod spec lives at {@code podSpecPointer}. */
    static String of(String podSpecPointer, List<ContainerMatch> changes, String newImage) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an image patch needs at least one container to change");
        }
        ArrayNode ops = SharedMapper.get().createArrayNode();
        for (ContainerMatch change : changes) {
            String container = podSpecPointer + change.listPointer() + "/" + change.index();
            ops.add(op("test", container + "/name", change.name()));
            if (change.image() != null) {
                ops.add(op("test", container + "/image", change.image()));
            }
            ops.add(op(change.image() != null ? "replace" : "add", container + "/image", newImage));
        }
        try {
            return SharedMapper.get().writeValueAsString(ops);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON patch of plain strings", e);
        }
    }

    private static ObjectNode op(String op, String path, String value) {
        ObjectNode node = SharedMapper.get().createObjectNode();
        node.put("op", op);
        node.put("path", path);
        node.put("value", value);
        return node;
    }
}
