package io.jenkins.plugins.imagestreams.json;

import static io.jenkins.plugins.imagestreams.json.JsonFields.array;
import static io.jenkins.plugins.imagestreams.json.JsonFields.bool;
import static io.jenkins.plugins.imagestreams.json.JsonFields.instant;
import static io.jenkins.plugins.imagestreams.json.JsonFields.number;
import static io.jenkins.plugins.imagestreams.json.JsonFields.object;
import static io.jenkins.plugins.imagestreams.json.JsonFields.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.DeliveryClaim;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** Spec tags and tag histories to and from JSON, with OpenShift's field names. */
final class TagJson {
    private TagJson() {}

    /** Writes {@code tag} as the next object of the array {@code g} is in. */
    static void writeSpec(JsonGenerator g, TagSpec tag) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", tag.name());
        if (tag.from().isPresent()) {
            TagSource from = tag.from().get();
            g.writeObjectFieldStart("from");
            g.writeStringField("kind", from.kind());
            g.writeStringField("name", from.name());
            if (!from.namespace().isEmpty()) {
                g.writeStringField("namespace", from.namespace());
            }
            g.writeEndObject();
        }
        g.writeBooleanField("reference", tag.reference());
        g.writeBooleanField("alias", tag.alias());
        if (tag.generation().isPresent()) {
            g.writeNumberField("generation", tag.generation().getAsLong());
        }
        g.writeObjectFieldStart("importPolicy");
        g.writeBooleanField("scheduled", tag.importPolicy().scheduled());
        g.writeBooleanField("insecure", tag.importPolicy().insecure());
        g.writeStringField("importMode", tag.importPolicy().importMode().wireName());
        g.writeEndObject();
        g.writeObjectFieldStart("referencePolicy");
        g.writeStringField("type", tag.referencePolicy().wireName());
        g.writeEndObject();
        if (tag.tagPolicy().isPresent()) {
            TagPolicy p = tag.tagPolicy().get();
            g.writeObjectFieldStart("tagPolicy");
            g.writeStringField("type", p.type());
            g.writeStringField("value", p.value());
            if (p instanceof TagPolicy.Semver semver) {
                g.writeBooleanField("includePrereleases", semver.includePrereleases());
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("annotations");
        for (Map.Entry<String, String> annotation : new TreeMap<>(tag.annotations()).entrySet()) {
            g.writeStringField(annotation.getKey(), annotation.getValue());
        }
        g.writeEndObject();
        ObjectNode gatesAndWorkloads = JsonTrees.object();
        GateJson.write(gatesAndWorkloads, tag);
        RecordJson.writeWorkloads(gatesAndWorkloads, tag.workloads());
        JsonTrees.writeFields(g, gatesAndWorkloads);
        g.writeEndObject();
    }

    static TagSpec readSpec(JsonNode node, String namespace) {
        String name = text(node, "name");
        Optional<TagSource> from = Optional.empty();
        if (node.hasNonNull("from")) {
            JsonNode f = object(node, "from");
            String ns = f.hasNonNull("namespace") ? text(f, "namespace") : namespace;
            from = Optional.of(TagSource.of(text(f, "kind"), text(f, "name"), ns));
        }
        JsonNode ip = object(node, "importPolicy");
        ImportPolicy importPolicy = new ImportPolicy(
                bool(ip, "scheduled"), bool(ip, "insecure"), ImportMode.fromWireName(text(ip, "importMode")));
        Optional<TagPolicy> tagPolicy = Optional.empty();
        if (node.hasNonNull("tagPolicy")) {
            JsonNode p = object(node, "tagPolicy");
            tagPolicy = Optional.of(TagPolicy.of(
                    text(p, "type"),
                    text(p, "value"),
                    p.path("includePrereleases").asBoolean(false)));
        }
        Map<String, String> annotations = new TreeMap<>();
        if (node.hasNonNull("annotations")) {
            for (Map.Entry<String, JsonNode> e : object(node, "annotations").properties()) {
                annotations.put(e.getKey(), e.getValue().asText());
            }
        }
        TagSpec.Builder builder = TagSpec.builder(name)
                .from(from)
                .reference(bool(node, "reference"))
                .alias(bool(node, "alias"))
                .importPolicy(importPolicy)
                .referencePolicy(ReferencePolicy.fromWireName(text(object(node, "referencePolicy"), "type")))
                .tagPolicy(tagPolicy)
                .generation(
                        node.hasNonNull("generation")
                                ? OptionalLong.of(number(node, "generation"))
                                : OptionalLong.empty())
                .annotations(annotations);
        return GateJson.read(node, namespace, builder).build();
    }

    /**
     * Writes {@code history} as the next object of the array {@code g} is in: its entries and conditions as they are
     * walked, the rarer evidence and records through their trees.
     */
    static void writeHistory(JsonGenerator g, TagHistory history) throws IOException {
        g.writeStartObject();
        g.writeStringField("tag", history.tag());
        g.writeArrayFieldStart("items");
        for (TagEvent event : history.items()) {
            g.writeStartObject();
            g.writeStringField("created", UtcTimes.format(event.created()));
            g.writeStringField("dockerImageReference", event.dockerImageReference());
            g.writeStringField("image", event.image().toString());
            g.writeNumberField("generation", event.generation());
            g.writeStringField("cause", event.cause());
            if (!event.evidence().isEmpty()) {
                ObjectNode evidence = JsonTrees.object();
                EvidenceJson.write(evidence, event.evidence());
                JsonTrees.writeFields(g, evidence);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("conditions");
        for (TagCondition condition : history.conditions()) {
            g.writeStartObject();
            g.writeStringField("type", condition.type());
            g.writeStringField("status", condition.status());
            g.writeStringField("reason", condition.reason());
            g.writeStringField("message", condition.message());
            g.writeNumberField("generation", condition.generation());
            g.writeStringField("lastTransitionTime", UtcTimes.format(condition.lastTransitionTime()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("deliveredTo");
        for (String listener : history.deliveredTo().stream().sorted().toList()) {
            g.writeString(listener);
        }
        g.writeEndArray();
        if (!history.claims().isEmpty()) {
            g.writeArrayFieldStart("deliveryClaims");
            for (DeliveryClaim claim : history.claims()) {
                g.writeStartObject();
                g.writeStringField("listener", claim.listenerId());
                g.writeStringField("holder", claim.holder());
                g.writeStringField("until", UtcTimes.format(claim.until()));
                if (claim.attempt() > 1) {
                    g.writeNumberField("attempt", claim.attempt());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!history.promotions().isEmpty() || !history.workloadUpdates().isEmpty()) {
            ObjectNode records = JsonTrees.object();
            RecordJson.writePromotions(records, history.promotions());
            RecordJson.writeWorkloadUpdates(records, history.workloadUpdates());
            JsonTrees.writeFields(g, records);
        }
        g.writeEndObject();
    }

    static TagHistory readHistory(JsonNode node) {
        List<TagEvent> items = new ArrayList<>();
        for (JsonNode item : array(node, "items")) {
            items.add(readItem(item));
        }
        return readHistory(node, items);
    }

    /** One entry of a history's {@code items}. */
    static TagEvent readItem(JsonNode item) {
        return new TagEvent(
                instant(item, "created"),
                text(item, "dockerImageReference"),
                Digest.parse(text(item, "image")),
                number(item, "generation"),
                item.path("cause").asText(""),
                EvidenceJson.read(item));
    }

    /** The history {@code node} holds, with its {@code items} already read. */
    static TagHistory readHistory(JsonNode node, List<TagEvent> items) {
        List<TagCondition> conditions = new ArrayList<>();
        for (JsonNode c : array(node, "conditions")) {
            conditions.add(new TagCondition(
                    text(c, "type"),
                    text(c, "status"),
                    text(c, "reason"),
                    text(c, "message"),
                    number(c, "generation"),
                    instant(c, "lastTransitionTime")));
        }
        Set<String> delivered = new HashSet<>();
        if (node.hasNonNull("deliveredTo")) {
            array(node, "deliveredTo").forEach(d -> delivered.add(d.asText()));
        }
        List<DeliveryClaim> claims = new ArrayList<>();
        if (node.hasNonNull("deliveryClaims")) {
            for (JsonNode c : array(node, "deliveryClaims")) {
                claims.add(new DeliveryClaim(text(c, "listener"), text(c, "holder"), instant(c, "until"), attempt(c)));
            }
        }
        return new TagHistory(
                text(node, "tag"),
                items,
                conditions,
                delivered,
                RecordJson.readPromotions(node),
                RecordJson.readWorkloadUpdates(node),
                claims);
    }

    /** A claim's {@code attempt}: 1 when absent (the first delivery), else a whole number from 1. */
    private static int attempt(JsonNode claim) {
        if (!claim.hasNonNull("attempt")) {
            return 1;
        }
        long attempt = number(claim, "attempt");
        if (attempt < 1 || attempt > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "field 'attempt' of a delivery claim is " + attempt + "; expected a whole number from 1");
        }
        return (int) attempt;
    }
}
