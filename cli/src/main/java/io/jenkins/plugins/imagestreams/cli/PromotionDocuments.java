package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.json.EvidenceJson;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;

/** A promotion record as a document, with the field names the store uses for it. */
final class PromotionDocuments {
    private PromotionDocuments() {}

    static ObjectNode record(PromotionRecord record) {
        ObjectNode node = Printer.JSON.createObjectNode();
        node.put("source", record.source().toString());
        node.put("target", record.target().toString());
        node.put("image", record.image().toString());
        node.put("dockerImageReference", record.dockerImageReference());
        record.previousImage().ifPresent(p -> node.put("previousImage", p.toString()));
        node.put("copied", record.copied());
        node.put("time", record.time().toString());
        node.put("actor", record.actor());
        node.put("outcome", record.outcome().name());
        node.put("message", record.message());
        ArrayNode workloads = node.putArray("workloads");
        for (WorkloadResult w : record.workloads()) {
            workloads.add(w.summary());
        }
        ArrayNode gates = node.putArray("gates");
        record.gates().forEach(gates::add);
        EvidenceJson.write(node, record.evidence());
        return node;
    }
}
