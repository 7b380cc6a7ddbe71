package io.jenkins.plugins.imagestreams.json;

import static io.jenkins.plugins.imagestreams.json.JsonFields.array;
import static io.jenkins.plugins.imagestreams.json.JsonFields.object;
import static io.jenkins.plugins.imagestreams.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code evidence} of a history entry or a promotion record: {@code {"signatures": [{"keyId", "identity",
 * "attachment", "origin"}], "attachments": [{"kind", "subject", "digest", "name"}]}}, left out when there is none.
 */
public final class EvidenceJson {
    private EvidenceJson() {}

    /** Writes {@code evidence} as the field {@code evidence} of {@code parent}; nothing when it is empty. */
    public static void write(ObjectNode parent, Evidence evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        ObjectNode node = parent.putObject("evidence");
        ArrayNode signatures = node.putArray("signatures");
        for (Evidence.Signature s : evidence.signatures()) {
            ObjectNode item = signatures.addObject();
            item.put("keyId", s.keyId());
            item.put("identity", s.identity());
            item.put("attachment", s.attachment().toString());
            item.put("origin", s.origin());
        }
        ArrayNode attachments = node.putArray("attachments");
        for (Evidence.Attachment a : evidence.attachments()) {
            ObjectNode item = attachments.addObject();
            item.put("kind", a.kind());
            item.put("subject", a.subject().toString());
            item.put("digest", a.digest().toString());
            item.put("name", a.name());
        }
    }

    static Evidence read(JsonNode parent) {
        if (!parent.hasNonNull("evidence")) {
            return Evidence.NONE;
        }
        JsonNode node = object(parent, "evidence");
        List<Evidence.Signature> signatures = new ArrayList<>();
        for (JsonNode s : array(node, "signatures")) {
            signatures.add(new Evidence.Signature(
                    text(s, "keyId"), text(s, "identity"), Digest.parse(text(s, "attachment")), text(s, "origin")));
        }
        List<Evidence.Attachment> attachments = new ArrayList<>();
        for (JsonNode a : array(node, "attachments")) {
            attachments.add(new Evidence.Attachment(
                    text(a, "kind"),
                    Digest.parse(text(a, "subject")),
                    Digest.parse(text(a, "digest")),
                    text(a, "name")));
        }
        return new Evidence(signatures, attachments);
    }
}
