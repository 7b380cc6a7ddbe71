package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import io.jenkins.plugins.imagestreams.time.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gates of a write into a stream tag and their check. Every write that moves a tag (promotion, tagging, an alias,
 * a rollback, an import) passes the target tag's own gates, whichever door it comes through; a promotion may add a
 * {@code requireFrom} of its own.
 *
 * <p>Gates are checked cheapest first: {@code requireFrom} and {@code minimumAge} read the store only; {@code
 * requireSignature} reads the image's signatures from the repository it is read from, last.
 */
public final class PromotionGates {
    private final StreamStore store;
    private final Clock clock;
    private final SignatureCheck signatures;
    private final Function<String, Optional<SignaturePolicy>> namespacePolicies;

    /**
     * Gates without namespace-wide signature policies.
     *
     * @param clock the time {@code minimumAge} counts to
     * @param signatures verifies signatures for {@code requireSignature}
     */
    public PromotionGates(StreamStore store, Clock clock, SignatureCheck signatures) {
        this(store, clock, signatures, namespace -> Optional.empty());
    }

    /**
     * @param clock the time {@code minimumAge} counts to
     * @param signatures verifies signatures for {@code requireSignature}
     * @param namespacePolicies the {@code requireSignature} gate of every tag of a namespace's streams, asked at each
     *     write, so a changed configuration holds at once
     */
    public PromotionGates(
            StreamStore store,
            Clock clock,
            SignatureCheck signatures,
            Function<String, Optional<SignaturePolicy>> namespacePolicies) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.namespacePolicies = Objects.requireNonNull(namespacePolicies, "namespacePolicies");
    }

    /**
     * What passing every gate gave.
     *
     * @param gates the gates passed, as a person reads them
     * @param evidence the signatures the gates verified
     */
    public record Passed(List<String> gates, Evidence evidence) {
        public Passed {
            gates = List.copyOf(gates);
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /**
     * The gates of a write into a tag with spec {@code targetSpec}: the spec's {@code requireFrom}, then the call's
     * ({@code extra}, each upstream tag once), a {@code minimumAge} per upstream tag (or, without any, in {@code
     * writtenFrom}, the tag the image is taken from), the spec's {@code requireSignature}, the target namespace's,
     * then the call's ({@code extraSignature}).
     */
    public List<Gate> of(
            TagSource.ImageStreamTag target,
            Optional<TagSpec> targetSpec,
            Optional<TagSource.ImageStreamTag> extra,
            Optional<SignaturePolicy> extraSignature,
            Optional<TagSource.ImageStreamTag> writtenFrom) {
        List<Gate> gates = new ArrayList<>();
        List<TagSource.ImageStreamTag> upstreams = new ArrayList<>();
        targetSpec.flatMap(TagSpec::requireFrom).ifPresent(u -> {
            gates.add(new Gate.RequireFrom(u, "the target tag's requireFrom"));
            upstreams.add(u);
        });
        extra.filter(u -> !upstreams.contains(u)).ifPresent(u -> {
            gates.add(new Gate.RequireFrom(u, "this promotion's requireFrom"));
            upstreams.add(u);
        });
        Optional<Duration> age = targetSpec.flatMap(TagSpec::minimumAge);
        if (age.isPresent()) {
            List<TagSource.ImageStreamTag> measured =
                    upstreams.isEmpty() ? writtenFrom.stream().toList() : upstreams;
            measured.forEach(u -> gates.add(new Gate.MinimumAge(age.get(), u, "the target tag's minimumAge")));
        }
        targetSpec
                .flatMap(TagSpec::requireSignature)
                .ifPresent(p -> gates.add(new Gate.RequireSignature(p, "the target tag's requireSignature")));
        String namespace = target.stream().namespace();
        namespacePolicies
                .apply(namespace)
                .ifPresent(
                        p -> gates.add(new Gate.RequireSignature(p, "namespace " + namespace + "'s requireSignature")));
        extraSignature.ifPresent(p -> gates.add(new Gate.RequireSignature(p, "this promotion's requireSignature")));
        return List.copyOf(gates);
    }

    /**
     * Passes if every gate of {@code target}'s spec tag accepts {@code image}.
     *
     * @param pullSpec where the image is read from, and its signatures with it
     * @param writtenFrom the stream tag the image is taken from, empty for an import
     * @param write what writes, for the refusal's message: {@code tag}, {@code import}, {@code alias}, …
     * @throws PromotionRefusedException naming the gate and why it refused; nothing was written
     */
    public Passed check(
            TagSource.ImageStreamTag target,
            Optional<TagSpec> targetSpec,
            Digest image,
            String pullSpec,
            Optional<TagSource.ImageStreamTag> writtenFrom,
            String write)
            throws PromotionRefusedException {
        return check(
                of(target, targetSpec, Optional.empty(), Optional.empty(), writtenFrom),
                image,
                pullSpec,
                target,
                write);
    }

    /**
     * Passes if every gate accepts {@code image}, checked in order.
     *
     * @throws PromotionRefusedException for the first gate that refuses
     */
    public Passed check(List<Gate> gates, Digest image, String pullSpec, TagSource.ImageStreamTag target, String write)
            throws PromotionRefusedException {
        List<String> passed = new ArrayList<>();
        Evidence evidence = Evidence.NONE;
        for (Gate gate : gates) {
            String refusal = write + " of " + image + " into " + target + " refused by gate " + gate + ": ";
            if (gate instanceof Gate.RequireFrom from) {
                requireFrom(from, image, refusal);
            } else if (gate instanceof Gate.MinimumAge age) {
                minimumAge(age, image, refusal);
            } else if (gate instanceof Gate.RequireSignature signature) {
                SignatureCheck.Verdict verdict =
                        signatures.verify(ImageReference.parse(pullSpec), image, signature.policy());
                if (verdict.signature().isEmpty()) {
                    throw new PromotionRefusedException(
                            gate, image, List.of(), refusal + verdict.reason() + " (in " + repository(pullSpec) + ")");
                }
                evidence = evidence.plus(verdict.signature().get());
            }
            passed.add(gate + ": " + gate.passed(image));
        }
        return new Passed(passed, evidence);
    }

    private void requireFrom(Gate.RequireFrom gate, Digest image, String refusal) throws PromotionRefusedException {
        Optional<ImageStream> upstream = upstream(gate.upstream());
        List<Digest> had = had(upstream, gate.upstream());
        if (had.contains(image)) {
            return;
        }
        throw new PromotionRefusedException(
                gate,
                image,
                had,
                refusal + missing(upstream, gate.upstream(), had, image) + ". Promote the image into " + gate.upstream()
                        + " first");
    }

    private void minimumAge(Gate.MinimumAge gate, Digest image, String refusal) throws PromotionRefusedException {
        Optional<ImageStream> upstream = upstream(gate.upstream());
        List<TagEvent> items =
                upstream.map(s -> s.history(gate.upstream().tag()).items()).orElse(List.of());
        Optional<Instant> firstSeen = items.stream()
                .filter(e -> e.image().equals(image))
                .map(TagEvent::created)
                .min(Instant::compareTo);
        if (firstSeen.isEmpty()) {
            throw new PromotionRefusedException(
                    gate,
                    image,
                    had(upstream, gate.upstream()),
                    refusal + missing(upstream, gate.upstream(), had(upstream, gate.upstream()), image));
        }
        Duration held = Duration.between(firstSeen.get(), clock.instant());
        if (held.compareTo(gate.age()) < 0) {
            throw new PromotionRefusedException(
                    gate,
                    image,
                    List.of(),
                    refusal + gate.upstream() + " first had " + image + " at " + firstSeen.get() + ", "
                            + Durations.format(held) + " ago; it may enter after "
                            + firstSeen.get().plus(gate.age()));
        }
    }

    private Optional<ImageStream> upstream(TagSource.ImageStreamTag tag) {
        return store.load(tag.stream()).map(Versioned::value);
    }

    private static List<Digest> had(Optional<ImageStream> upstream, TagSource.ImageStreamTag tag) {
        return upstream.map(s -> s.history(tag.tag()).items().stream()
                        .map(TagEvent::image)
                        .distinct()
                        .toList())
                .orElse(List.of());
    }

    private static String missing(
            Optional<ImageStream> upstream, TagSource.ImageStreamTag tag, List<Digest> had, Digest image) {
        return upstream.isEmpty()
                ? "image stream " + tag.stream() + " does not exist"
                : had.isEmpty()
                        ? tag + " has no history yet"
                        : tag + " never had " + image + "; its history holds " + had + " (newest first)";
    }

    private static String repository(String pullSpec) {
        return ImageReference.parse(pullSpec).name();
    }
}
