package io.jenkins.plugins.imagestreams.json;

import static io.jenkins.plugins.imagestreams.json.JsonFields.array;
import static io.jenkins.plugins.imagestreams.json.JsonFields.bool;
import static io.jenkins.plugins.imagestreams.json.JsonFields.enumOf;
import static io.jenkins.plugins.imagestreams.json.JsonFields.instant;
import static io.jenkins.plugins.imagestreams.json.JsonFields.object;
import static io.jenkins.plugins.imagestreams.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.WorkloadUpdateRecord;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Workload lists, promotion records and workload update records to and from JSON. Workloads are
 * written in their command-line form ({@code deployment/app-prod/web:server}), stream tags as
 * {@code namespace/stream:tag}, so a person reading the file sees what a command would take.
 */
final class RecordJson {
    private RecordJson() {}

    static void writeWorkloads(ObjectNode spec, List<WorkloadTarget> workloads) {
        if (!workloads.isEmpty()) {
            ArrayNode list = spec.putArray("workloads");
            workloads.forEach(w -> list.add(w.toString()));
        }
    }

    static List<WorkloadTarget> readWorkloads(JsonNode spec) {
        return readList(spec, "workloads", w -> WorkloadTarget.parse(w.asText()));
    }

    static void writePromotions(ObjectNode status, List<PromotionRecord> promotions) {
        writeList(status, "promotions", promotions, (p, record) -> {
            p.put("source", record.source().toString());
            p.put("target", record.target().toString());
            p.put("image", record.image().toString());
            p.put("dockerImageReference", record.dockerImageReference());
            record.previousImage().ifPresent(d -> p.put("previousImage", d.toString()));
            p.put("copied", record.copied());
            p.put("time", UtcTimes.format(record.time()));
            p.put("actor", record.actor());
            p.put("outcome", record.outcome().name());
            p.set("workloads", writeResults(record.workloads()));
            p.put("message", record.message());
            if (!record.gates().isEmpty()) {
                ArrayNode gates = p.putArray("gates");
                record.gates().forEach(gates::add);
            }
            EvidenceJson.write(p, record.evidence());
        });
    }

    static List<PromotionRecord> readPromotions(JsonNode status) {
        return readList(status, "promotions", p -> PromotionRecord.builder(
                        TagSource.ImageStreamTag.parse(text(p, "source"), StreamName.DEFAULT_NAMESPACE),
                        TagSource.ImageStreamTag.parse(text(p, "target"), StreamName.DEFAULT_NAMESPACE),
                        Digest.parse(text(p, "image")))
                .dockerImageReference(text(p, "dockerImageReference"))
                .previousImage(
                        p.hasNonNull("previousImage")
                                ? Optional.of(Digest.parse(text(p, "previousImage")))
                                : Optional.empty())
                .copied(bool(p, "copied"))
                .time(instant(p, "time"))
                .actor(text(p, "actor"))
                .outcome(enumOf(PromotionRecord.Outcome.class, p, "outcome"))
                .workloads(readResults(p))
                .message(text(p, "message"))
                .gates(readList(p, "gates", JsonNode::asText))
                .evidence(EvidenceJson.read(p))
                .build());
    }

    static void writeWorkloadUpdates(ObjectNode status, List<WorkloadUpdateRecord> updates) {
        writeList(status, "workloadUpdates", updates, (u, record) -> {
            u.put("image", record.image().toString());
            u.put("dockerImageReference", record.dockerImageReference());
            u.put("time", UtcTimes.format(record.time()));
            u.set("workloads", writeResults(record.workloads()));
        });
    }

    static List<WorkloadUpdateRecord> readWorkloadUpdates(JsonNode status) {
        return readList(
                status,
                "workloadUpdates",
                u -> new WorkloadUpdateRecord(
                        Digest.parse(text(u, "image")),
                        text(u, "dockerImageReference"),
                        instant(u, "time"),
                        readResults(u)));
    }

    private static ArrayNode writeResults(List<WorkloadResult> results) {
        ArrayNode list = JsonTrees.array();
        for (WorkloadResult result : results) {
            ObjectNode w = list.addObject();
            w.put("kind", result.kind().displayName());
            w.put("namespace", result.namespace());
            w.put("name", result.name());
            w.put("image", result.image());
            ArrayNode changed = w.putArray("containersChanged");
            result.containersChanged().forEach(changed::add);
            ObjectNode previous = w.putObject("previousImages");
            result.previousImages().forEach(previous::put);
            w.put("outcome", result.outcome().name());
            w.put("message", result.message());
        }
        return list;
    }

    private static List<WorkloadResult> readResults(JsonNode node) {
        List<WorkloadResult> results = new ArrayList<>();
        for (JsonNode w : array(node, "workloads")) {
            List<String> changed = new ArrayList<>();
            array(w, "containersChanged").forEach(c -> changed.add(c.asText()));
            Map<String, String> previous = new LinkedHashMap<>();
            object(w, "previousImages")
                    .properties()
                    .forEach(e -> previous.put(e.getKey(), e.getValue().asText()));
            results.add(new WorkloadResult(
                    WorkloadKind.parse(text(w, "kind")),
                    text(w, "namespace"),
                    text(w, "name"),
                    text(w, "image"),
                    changed,
                    previous,
                    enumOf(WorkloadResult.Outcome.class, w, "outcome"),
                    text(w, "message")));
        }
        return results;
    }

    /** Writes {@code items} as the list {@code field} of {@code node}, one object each; no field when there are none. */
    private static <T> void writeList(ObjectNode node, String field, List<T> items, BiConsumer<ObjectNode, T> write) {
        if (!items.isEmpty()) {
            ArrayNode list = node.putArray(field);
            items.forEach(item -> write.accept(list.addObject(), item));
        }
    }

    /** Reads the list {@code field} of {@code node}, each element by {@code read}; none when the field is absent. */
    private static <T> List<T> readList(JsonNode node, String field, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        if (node.hasNonNull(field)) {
            array(node, field).forEach(element -> items.add(read.apply(element)));
        }
        return items;
    }
}
