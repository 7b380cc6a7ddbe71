package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.api.Attachment;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Locale;

/** A copy's result, as a document for {@code -o json|yaml} and as lines for people. */
final class CopyDocuments {
    private CopyDocuments() {}

    static ObjectNode result(ImageReference source, ImageReference target, CopyResult result) {
        ObjectNode node = Printer.JSON.createObjectNode();
        node.put("source", source.toString());
        node.put("target", target.toString());
        node.put("digest", result.digest().toString());
        node.put("mediaType", result.mediaType());
        node.put("manifestsPushed", result.manifestsPushed());
        node.put("blobsMounted", result.blobsMounted());
        node.put("blobsUploaded", result.blobsUploaded());
        node.put("blobsSkipped", result.blobsSkipped());
        node.put("bytesUploaded", result.bytesUploaded());
        ArrayNode carried = node.putArray("carried");
        for (Attachment attachment : result.carried()) {
            ObjectNode entry = carried.addObject();
            entry.put("kind", attachment.kind().name());
            entry.put("subject", attachment.subject().toString());
            entry.put("digest", attachment.digest().toString());
            entry.put("mediaType", attachment.mediaType());
            attachment.tag().ifPresent(tag -> entry.put("tag", tag));
            attachment.artifactType().ifPresent(type -> entry.put("artifactType", type));
        }
        return node;
    }

    /** {@code carried signature sha256:0c0361b1e9ac (tag sha256-<hex>.sig)}, or a referrer with its artifact type. */
    static String carried(Attachment attachment) {
        String what = attachment
                .tag()
                .map(tag -> "tag " + tag)
                .orElseGet(() -> "artifactType " + attachment.artifactType().orElse("none") + ", of "
                        + attachment.subject().shortForm());
        return "carried " + attachment.kind().name().toLowerCase(Locale.ROOT) + " "
                + attachment.digest().shortForm() + " (" + what + ")";
    }
}
