package io.jenkins.plugins.imagestreams.json;

import static io.jenkins.plugins.imagestreams.json.JsonFields.array;
import static io.jenkins.plugins.imagestreams.json.JsonFields.object;
import static io.jenkins.plugins.imagestreams.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gates of a spec tag: {@code "requireFrom": "app-staging/myapp:latest"}, {@code "requireSignature":
 * {"publicKeys": ["-----BEGIN PUBLIC KEY-----…"], "identity": "matchRepository"}} and {@code "minimumAge": "1d"}
 * (also {@code 90m}, {@code 1h30m} or ISO-8601 {@code PT24H}). Each is left out when the tag does not have it. Read
 * with them: the tag's {@code workloads}, written by {@link RecordJson}.
 */
public final class GateJson {
    private GateJson() {}

    static void write(ObjectNode spec, TagSpec tag) {
        tag.requireFrom().ifPresent(r -> spec.put("requireFrom", r.toString()));
        tag.requireSignature().ifPresent(policy -> {
            ObjectNode node = spec.putObject("requireSignature");
            ArrayNode keys = node.putArray("publicKeys");
            policy.publicKeys().forEach(keys::add);
            node.put("identity", policy.identity());
        });
        tag.minimumAge().ifPresent(age -> spec.put("minimumAge", Durations.format(age)));
    }

    /**
     * Reads the gates of {@code spec} into {@code tag}; stream tags without a namespace are in {@code namespace}.
     *
     * @throws IllegalArgumentException naming the field that is not of its form
     */
    public static TagSpec.Builder read(JsonNode spec, String namespace, TagSpec.Builder tag) {
        if (spec.hasNonNull("requireFrom")) {
            tag.requireFrom(TagSource.ImageStreamTag.parse(text(spec, "requireFrom"), namespace));
        }
        if (spec.hasNonNull("workloads")) {
            tag.workloads(RecordJson.readWorkloads(spec));
        }
        if (spec.hasNonNull("requireSignature")) {
            JsonNode node = object(spec, "requireSignature");
            List<String> keys = new ArrayList<>();
            array(node, "publicKeys").forEach(k -> keys.add(k.asText()));
            tag.requireSignature(new SignaturePolicy(keys, node.path("identity").asText("")));
        }
        if (spec.hasNonNull("minimumAge")) {
            String text = text(spec, "minimumAge");
            Duration age = Durations.parse(text)
                    .orElseThrow(() -> new IllegalArgumentException("field 'minimumAge' is '" + text
                            + "'; expected a duration such as 90m, 1h30m, 7d or PT24H"));
            tag.minimumAge(age);
        }
        return tag;
    }
}
