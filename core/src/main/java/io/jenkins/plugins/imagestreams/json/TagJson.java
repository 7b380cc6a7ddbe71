package io.jenkins.plugins.imagestreams.json;

import static io.jenkins.plugins.imagestreams.json.JsonFields.array;
import static io.jenkins.plugins.imagestreams.json.JsonFields.bool;
import static io.jenkins.plugins.imagestreams.json.JsonFields.instant;
import static io.jenkins.plugins.imagestreams.json.JsonFields.number;
import static io.jenkins.plugins.imagestreams.json.JsonFields.object;
import static io.jenkins.plugins.imagestreams.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    static ObjectNode writeSpec(TagSpec tag) {
        ObjectNode node = JsonTrees.object();
        node.put("name", tag.name());
        tag.from().ifPresent(from -> {
            ObjectNode f = node.putObject("from");
            f.put("kind", from.kind());
            f.put("name", from.name());
            if (!from.namespace().isEmpty()) {
                f.put("namespace", from.namespace());
            }
        });
        node.put("reference", tag.reference());
        node.put("alias", tag.alias());
        tag.generation().ifPresent(g -> node.put("generation", g));
        ObjectNode importPolicy = node.putObject("importPolicy");
        importPolicy.put("scheduled", tag.importPolicy().scheduled());
        importPolicy.put("insecure", tag.importPolicy().insecure());
        importPolicy.put("importMode", tag.importPolicy().importMode().wireName());
        node.putObject("referencePolicy").put("type", tag.referencePolicy().wireName());
        tag.tagPolicy().ifPresent(p -> {
            ObjectNode t = node.putObject("tagPolicy");
            t.put("type", p.type());
            t.put("value", p.value());
            if (p instanceof TagPolicy.Semver semver) {
                t.put("includePrereleases", semver.includePrereleases());
            }
        });
        ObjectNode annotations = node.putObject("annotations");
        new TreeMap<>(tag.annotations()).forEach(annotations::put);
        GateJson.write(node, tag);
        RecordJson.writeWorkloads(node, tag.workloads());
        return node;
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

    static ObjectNode writeHistory(TagHistory history) {
        ObjectNode node = JsonTrees.object();
        node.put("tag", history.tag());
        ArrayNode items = node.putArray("items");
        for (TagEvent event : history.items()) {
            ObjectNode item = items.addObject();
            item.put("created", UtcTimes.format(event.created()));
            item.put("dockerImageReference", event.dockerImageReference());
            item.put("image", event.image().toString());
            item.put("generation", event.generation());
            item.put("cause", event.cause());
            EvidenceJson.write(item, event.evidence());
        }
        ArrayNode conditions = node.putArray("conditions");
        for (TagCondition condition : history.conditions()) {
            ObjectNode c = conditions.addObject();
            c.put("type", condition.type());
            c.put("status", condition.status());
            c.put("reason", condition.reason());
            c.put("message", condition.message());
            c.put("generation", condition.generation());
            c.put("lastTransitionTime", UtcTimes.format(condition.lastTransitionTime()));
        }
        ArrayNode delivered = node.putArray("deliveredTo");
        history.deliveredTo().stream().sorted().forEach(delivered::add);
        if (!history.claims().isEmpty()) {
            ArrayNode claims = node.putArray("deliveryClaims");
            for (DeliveryClaim claim : history.claims()) {
                ObjectNode c = claims.addObject();
                c.put("listener", claim.listenerId());
                c.put("holder", claim.holder());
                c.put("until", UtcTimes.format(claim.until()));
                if (claim.attempt() > 1) {
                    c.put("attempt", claim.attempt());
                }
            }
        }
        RecordJson.writePromotions(node, history.promotions());
        RecordJson.writeWorkloadUpdates(node, history.workloadUpdates());
        return node;
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
