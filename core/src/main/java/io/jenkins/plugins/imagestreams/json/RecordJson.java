package io.jenkins.plugins.imagestreams.json;

import static io.jenkins.plugins.imagestreams.json.TagJson.array;
import static io.jenkins.plugins.imagestreams.json.TagJson.bool;
import static io.jenkins.plugins.imagestreams.json.TagJson.object;
import static io.jenkins.plugins.imagestreams.json.TagJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Promotion gates, workload lists, promotion records and workload update records to and from JSON. Workloads are
 * written in their command-line form ({@code deployment/app-prod/web:server}), stream tags as
 * {@code namespace/stream:tag}, so a person reading the file sees what a command would take.
 */
final class RecordJson {
    private RecordJson() {}

    static void writeGate(ObjectNode spec, Optional<TagSource.ImageStreamTag> requireFrom) {
        requireFrom.ifPresent(r -> spec.put("requireFrom", r.toString()));
    }

    static Optional<TagSource.ImageStreamTag> readGate(JsonNode spec, String namespace) {
        return spec.hasNonNull("requireFrom")
                ? Optional.of(TagSource.ImageStreamTag.parse(text(spec, "requireFrom"), namespace))
                : Optional.empty();
    }

    static void writeWorkloads(ObjectNode spec, List<WorkloadTarget> workloads) {
        if (!workloads.isEmpty()) {
            ArrayNode list = spec.putArray("workloads");
            workloads.forEach(w -> list.add(w.toString()));
        }
    }

    static List<WorkloadTarget> readWorkloads(JsonNode spec) {
        List<WorkloadTarget> workloads = new ArrayList<>();
        if (spec.hasNonNull("workloads")) {
            for (JsonNode w : array(spec, "workloads")) {
                workloads.add(WorkloadTarget.parse(w.asText()));
            }
        }
        return workloads;
    }

    static void writePromotions(ObjectMapper mapper, ObjectNode status, List<PromotionRecord> promotions) {
        if (promotions.isEmpty()) {
            return;
        }
        ArrayNode list = status.putArray("promotions");
        for (PromotionRecord record : promotions) {
            ObjectNode p = list.addObject();
            p.put("source", record.source().toString());
            p.put("target", record.target().toString());
            p.put("image", record.image().toString());
            p.put("dockerImageReference", record.dockerImageReference());
            record.previousImage().ifPresent(d -> p.put("previousImage", d.toString()));
            p.put("copied", record.copied());
            p.put("time", record.time().toString());
            p.put("actor", record.actor());
            p.put("outcome", record.outcome().name());
            p.set("workloads", writeResults(mapper, record.workloads()));
            p.put("message", record.message());
        }
    }

    static List<PromotionRecord> readPromotions(JsonNode status) {
        List<PromotionRecord> promotions = new ArrayList<>();
        if (!status.hasNonNull("promotions")) {
            return promotions;
        }
        for (JsonNode p : array(status, "promotions")) {
            promotions.add(PromotionRecord.builder(
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
                    .build());
        }
        return promotions;
    }

    static void writeWorkloadUpdates(ObjectMapper mapper, ObjectNode status, List<WorkloadUpdateRecord> updates) {
        if (updates.isEmpty()) {
            return;
        }
        ArrayNode list = status.putArray("workloadUpdates");
        for (WorkloadUpdateRecord record : updates) {
            ObjectNode u = list.addObject();
            u.put("image", record.image().toString());
            u.put("dockerImageReference", record.dockerImageReference());
            u.put("time", record.time().toString());
            u.set("workloads", writeResults(mapper, record.workloads()));
        }
    }

    static List<WorkloadUpdateRecord> readWorkloadUpdates(JsonNode status) {
        List<WorkloadUpdateRecord> updates = new ArrayList<>();
        if (!status.hasNonNull("workloadUpdates")) {
            return updates;
        }
        for (JsonNode u : array(status, "workloadUpdates")) {
            updates.add(new WorkloadUpdateRecord(
                    Digest.parse(text(u, "image")),
                    text(u, "dockerImageReference"),
                    instant(u, "time"),
                    readResults(u)));
        }
        return updates;
    }

    private static ArrayNode writeResults(ObjectMapper mapper, List<WorkloadResult> results) {
        ArrayNode list = mapper.createArrayNode();
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

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' is '" + value + "'; expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an RFC 3339 UTC time", e);
        }
    }
}
