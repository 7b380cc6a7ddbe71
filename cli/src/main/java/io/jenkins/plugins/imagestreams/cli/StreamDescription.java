package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stream for people, laid out as {@code oc describe is}: a header, then per tag its source line, import state,
 * gates, failure condition, history ({@code *} marks the current image) newest first with age, digest, cause and
 * evidence (signatures verified or written, attachments carried), and the promotions into it with the gates they
 * passed and their evidence.
 */
final class StreamDescription {
    private StreamDescription() {}

    static String describe(ImageStream stream, Instant now) {
        StringBuilder out = new StringBuilder();
        Set<String> images = new HashSet<>();
        stream.status().tags().forEach(h -> h.items()
                .forEach(e -> images.add(e.image().toString())));
        List<String> tags = stream.tagNames();
        row(out, "Name:", stream.name().name());
        row(out, "Namespace:", stream.name().namespace());
        row(out, "Generation:", String.valueOf(stream.generation()));
        row(
                out,
                "Image Repository:",
                stream.repository().map(ImageReference::name).orElse("<none>"));
        row(out, "History Limit:", String.valueOf(stream.spec().historyLimit()));
        row(out, "Unique Images:", String.valueOf(images.size()));
        row(out, "Tags:", tags.isEmpty() ? "<none>" : String.valueOf(tags.size()));
        for (String tag : tags) {
            out.append('\n');
            describeTag(out, stream, tag, now);
        }
        return out.toString();
    }

    private static void describeTag(StringBuilder out, ImageStream stream, String tag, Instant now) {
        Optional<TagSpec> spec = stream.specTag(tag);
        TagHistory history = stream.history(tag);
        out.append(tag).append('\n');
        out.append("  ").append(source(spec)).append('\n');
        if (spec.isPresent() && spec.get().importPolicy().insecure()) {
            out.append("    will use insecure HTTPS or HTTP connections\n");
        }
        if (spec.isPresent() && spec.get().hasGates()) {
            out.append("    gates: ").append(spec.get().describeGates()).append('\n');
        }
        if (spec.isPresent() && spec.get().referencePolicy() == ReferencePolicy.LOCAL) {
            out.append("    consumers pull from the stream's repository (reference policy Local)\n");
        }
        if (stream.importPending(tag)) {
            out.append("  ~ importing latest image ...\n");
        }
        for (TagCondition condition : history.conditions()) {
            out.append("  ! error: Import failed (")
                    .append(condition.reason())
                    .append("): ")
                    .append(condition.message())
                    .append('\n');
            out.append("      ")
                    .append(Ages.between(condition.lastTransitionTime(), now))
                    .append(" ago\n");
        }
        if (history.items().isEmpty()) {
            out.append("  no image yet\n");
        }
        boolean first = true;
        for (TagEvent event : history.items()) {
            out.append(first ? "  * " : "    ")
                    .append(event.dockerImageReference())
                    .append('\n');
            out.append("      ")
                    .append(Ages.between(event.created(), now))
                    .append(" ago\t")
                    .append(event.image().shortForm());
            if (!event.cause().isEmpty()) {
                out.append('\t').append(event.cause());
            }
            out.append('\n');
            evidence(out, "      ", event.evidence());
            first = false;
        }
        if (!history.promotions().isEmpty()) {
            out.append("  promotions, newest first:\n");
        }
        for (PromotionRecord p : history.promotions()) {
            out.append("    ")
                    .append(Ages.between(p.time(), now))
                    .append(" ago\t")
                    .append(p.image().shortForm())
                    .append(" from ")
                    .append(p.source())
                    .append(" by ")
                    .append(p.actor().isEmpty() ? "unknown" : p.actor())
                    .append(": ")
                    .append(p.outcome())
                    .append(p.copied() ? ", copied" : "")
                    .append(p.message().isEmpty() ? "" : " - " + p.message())
                    .append('\n');
            p.gates().forEach(g -> out.append("      gate ").append(g).append('\n'));
            evidence(out, "      ", p.evidence());
        }
    }

    /** A line per signature ({@code verified signature by key …}) and per attachment ({@code attached sbom …}). */
    private static void evidence(StringBuilder out, String indent, Evidence evidence) {
        evidence.signatures().forEach(s -> out.append(indent).append(s).append('\n'));
        evidence.attachments()
                .forEach(a -> out.append(indent).append("attached ").append(a).append('\n'));
    }

    /** OpenShift's source line: updates automatically from, tagged from, tracks, reference to, or no source. */
    static String source(Optional<TagSpec> spec) {
        if (spec.isEmpty()) {
            return "no spec tag";
        }
        TagSpec tag = spec.get();
        if (tag.from().isEmpty()) {
            return "tag without source image";
        }
        TagSource from = tag.from().get();
        String name = from instanceof TagSource.DockerImage ? "registry " + from.name() : from.toString();
        if (tag.reference()) {
            return "reference to " + name;
        }
        if (tag.alias()) {
            return "tracks " + name;
        }
        if (tag.importPolicy().scheduled()) {
            return "updates automatically from " + name;
        }
        return "tagged from " + name;
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format("%-18s%s%n", label, value));
    }
}
