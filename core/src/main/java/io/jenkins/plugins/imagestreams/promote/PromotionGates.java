package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gates of a write into a stream tag and their check. Every write that moves a tag (promotion, tagging, an alias,
 * a rollback, an import) passes the target tag's own {@code requireFrom} gate, whichever door it comes through; a
 * promotion may add one of its own.
 */
public final class PromotionGates {
    private PromotionGates() {}

    /**
     * Passes if the gate of {@code target}'s spec tag (if any) accepts {@code image}.
     *
     * @param write what writes, for the refusal's message: {@code tag}, {@code import}, {@code alias}, …
     * @throws PromotionRefusedException naming the gate and what its upstream tag held; nothing was written
     */
    public static void check(
            StreamStore store,
            TagSource.ImageStreamTag target,
            Optional<TagSpec> targetSpec,
            Digest image,
            String write)
            throws PromotionRefusedException {
        check(store, of(targetSpec, Optional.empty()), image, target, write);
    }

    /** The target tag's gate first, then the call's, each upstream tag once. */
    static List<Gate> of(Optional<TagSpec> targetSpec, Optional<TagSource.ImageStreamTag> extra) {
        List<Gate> gates = new ArrayList<>();
        targetSpec.flatMap(TagSpec::requireFrom).ifPresent(u -> gates.add(new Gate(u, "the target tag's requireFrom")));
        extra.filter(u -> gates.stream().noneMatch(g -> g.upstream().equals(u)))
                .ifPresent(u -> gates.add(new Gate(u, "this promotion's requireFrom")));
        return gates;
    }

    /**
     * Passes if every gate's upstream tag has {@code image} somewhere in its history.
     *
     * @throws PromotionRefusedException for the first gate whose upstream tag never had it
     */
    static void check(StreamStore store, List<Gate> gates, Digest image, TagSource.ImageStreamTag target, String write)
            throws PromotionRefusedException {
        for (Gate gate : gates) {
            Optional<ImageStream> upstream =
                    store.load(gate.upstream().stream()).map(Versioned::value);
            List<Digest> had = upstream.map(s -> s.history(gate.upstream().tag()).items().stream()
                            .map(TagEvent::image)
                            .distinct()
                            .toList())
                    .orElse(List.of());
            if (had.contains(image)) {
                continue;
            }
            String what = upstream.isEmpty()
                    ? "image stream " + gate.upstream().stream() + " does not exist"
                    : had.isEmpty()
                            ? gate.upstream() + " has no history yet"
                            : gate.upstream() + " never had " + image + "; its history holds " + had
                                    + " (newest first)";
            throw new PromotionRefusedException(
                    gate,
                    image,
                    had,
                    write + " of " + image + " into " + target + " refused by gate " + gate + ": " + what
                            + ". Promote the image into " + gate.upstream() + " first");
        }
    }
}
