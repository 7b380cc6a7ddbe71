package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The gates of a write, checked by the store alone ({@code requireFrom}, {@code minimumAge}) and by a signature check
 * ({@code requireSignature}): order, refusals with their reasons, and what passing gives.
 */
public class PromotionGatesTest {
    private static final Instant SEEN = Instant.parse("2026-11-01T10:00:00Z");
    private static final TagSource.ImageStreamTag STAGING =
            TagSource.ImageStreamTag.parse("app-staging/myapp:latest", "x");
    private static final TagSource.ImageStreamTag PROD = TagSource.ImageStreamTag.parse("app-prod/myapp:latest", "x");
    private static final Digest V1 = Digest.sha256("v1".getBytes(StandardCharsets.UTF_8));
    private static final Digest V2 = Digest.sha256("v2".getBytes(StandardCharsets.UTF_8));
    private static final String PULL_SPEC = "registry.example.com/team/myapp@" + V1;
    private static final SignaturePolicy POLICY =
            SignaturePolicy.matchRepository(List.of("-----BEGIN PUBLIC KEY-----"));
    private static final Evidence.Signature SIGNATURE =
            new Evidence.Signature("SHA256:0123456789abcdef", "registry.example.com/team/myapp", V2, "verified");

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private JsonFileStore store;
    private final List<String> checked = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        store = new JsonFileStore(folder.newFolder().toPath());
        StreamUpdater updater = new StreamUpdater(store);
        updater.createIfMissing(STAGING.stream(), ImageStreamSpec.empty());
        updater.update(STAGING.stream(), s -> s.recordImport("latest", V1, PULL_SPEC, SEEN, "import"));
        updater.update(
                STAGING.stream(),
                s -> s.recordImport("latest", V2, "registry.example.com/team/myapp@" + V2, SEEN.plusSeconds(60), "i"));
    }

    private PromotionGates gates(Instant now, SignatureCheck.Verdict verdict) {
        return new PromotionGates(store, Clock.fixed(now, ZoneOffset.UTC), (repository, image, policy) -> {
            checked.add(repository.name() + " " + image);
            return verdict;
        });
    }

    private static Optional<TagSpec> prod(TagSpec.Builder spec) {
        return Optional.of(spec.build());
    }

    @Test
    public void aSoakTimeCountsFromTheFirstEntryOfTheImageInTheUpstreamTag() throws Exception {
        Optional<TagSpec> spec =
                prod(TagSpec.builder("latest").requireFrom(STAGING).minimumAge(Duration.ofHours(24)));
        PromotionGates early = gates(SEEN.plus(Duration.ofHours(23)), SignatureCheck.Verdict.refused("unused"));

        assertThatThrownBy(() -> early.check(PROD, spec, V1, PULL_SPEC, Optional.empty(), "promotion"))
                .isInstanceOfSatisfying(PromotionRefusedException.class, e -> {
                    assertThat(e.gate())
                            .isEqualTo(
                                    new Gate.MinimumAge(Duration.ofHours(24), STAGING, "the target tag's minimumAge"));
                    assertThat(e.reason()).isEqualTo(TagCondition.GATE_REFUSED);
                })
                .hasMessageContaining("refused by gate minimumAge 1d in " + STAGING)
                .hasMessageContaining(STAGING + " first had " + V1 + " at " + SEEN + ", 23h ago")
                .hasMessageContaining("it may enter after 2026-11-02T10:00:00Z");

        PromotionGates.Passed passed = gates(SEEN.plus(Duration.ofHours(24)), SignatureCheck.Verdict.refused("unused"))
                .check(PROD, spec, V1, PULL_SPEC, Optional.empty(), "promotion");
        assertThat(passed.gates())
                .containsExactly(
                        "requireFrom " + STAGING + " (the target tag's requireFrom): " + STAGING + " had " + V1,
                        "minimumAge 1d in " + STAGING + " (the target tag's minimumAge): " + V1 + " has been in "
                                + STAGING + " for at least 1d");
        assertThat(passed.evidence()).isEqualTo(Evidence.NONE);
    }

    @Test
    public void withoutRequireFromTheSoakTimeIsMeasuredInTheTagWrittenFrom() throws Exception {
        Optional<TagSpec> spec = prod(TagSpec.builder("latest").minimumAge(Duration.ofMinutes(40)));
        PromotionGates gates = gates(SEEN.plus(Duration.ofMinutes(40)), SignatureCheck.Verdict.refused("unused"));

        assertThat(gates.check(PROD, spec, V1, PULL_SPEC, Optional.of(STAGING), "tag")
                        .gates())
                .hasSize(1);
        assertThatThrownBy(() -> gates.check(PROD, spec, V2, PULL_SPEC, Optional.of(STAGING), "tag"))
                .hasMessageContaining("first had " + V2 + " at " + SEEN.plusSeconds(60) + ", 39m ago");
        assertThat(gates.check(PROD, spec, V2, PULL_SPEC, Optional.empty(), "import")
                        .gates())
                .as("an import has no upstream tag to count in")
                .isEmpty();
    }

    @Test
    public void aSoakTimeRefusesAnImageTheUpstreamNeverHad() {
        Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
        Optional<TagSpec> spec = prod(TagSpec.builder("latest").minimumAge(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> gates(SEEN.plus(Duration.ofDays(9)), SignatureCheck.Verdict.refused("unused"))
                        .check(PROD, spec, other, PULL_SPEC, Optional.of(STAGING), "tag"))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining(STAGING + " never had " + other);
    }

    @Test
    public void theSignatureIsCheckedLastInTheRepositoryTheImageIsReadFromAndItsRefusalIsSignatureRequired() {
        Optional<TagSpec> spec =
                prod(TagSpec.builder("latest").requireFrom(STAGING).requireSignature(POLICY));

        assertThatThrownBy(() -> gates(SEEN, SignatureCheck.Verdict.refused("no signature"))
                        .check(PROD, spec, V2, PULL_SPEC, Optional.empty(), "promotion"))
                .isInstanceOfSatisfying(PromotionRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TagCondition.SIGNATURE_REQUIRED);
                    assertThat(e.gate())
                            .isEqualTo(new Gate.RequireSignature(POLICY, "the target tag's requireSignature"));
                })
                .hasMessageContaining("promotion of " + V2 + " into " + PROD + " refused by gate requireSignature")
                .hasMessageContaining("no signature (in registry.example.com/team/myapp)");
        assertThat(checked).containsExactly("registry.example.com/team/myapp " + V2);

        checked.clear();
        Digest never = Digest.sha256("never".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> gates(SEEN, SignatureCheck.Verdict.verified(SIGNATURE))
                        .check(PROD, spec, never, PULL_SPEC, Optional.empty(), "promotion"))
                .hasMessageContaining("requireFrom");
        assertThat(checked)
                .as("the registry is not asked when a store gate refuses")
                .isEmpty();
    }

    @Test
    public void aVerifiedSignatureIsTheEvidenceOfPassing() throws Exception {
        Optional<TagSpec> spec = prod(TagSpec.builder("latest").requireSignature(POLICY));

        PromotionGates.Passed passed = gates(SEEN, SignatureCheck.Verdict.verified(SIGNATURE))
                .check(PROD, spec, V2, PULL_SPEC, Optional.empty(), "import");

        assertThat(passed.evidence().signatures()).containsExactly(SIGNATURE);
        assertThat(passed.gates())
                .containsExactly("requireSignature (1 key, identity matchRepository, the target tag's"
                        + " requireSignature): " + V2 + " is signed by a trusted key");
    }

    @Test
    public void theNamespacesAndThePromotionsGatesFollowTheTagsOwn() {
        SignaturePolicy other = new SignaturePolicy(List.of("-----BEGIN PUBLIC KEY-----"), "pattern:reg/*");
        List<Gate> gates = new PromotionGates(
                        store,
                        Clock.systemUTC(),
                        SignatureCheck.UNAVAILABLE,
                        namespace -> namespace.equals("app-prod") ? Optional.of(POLICY) : Optional.empty())
                .of(
                        PROD,
                        prod(TagSpec.builder("latest").requireFrom(STAGING).requireSignature(POLICY)),
                        Optional.of(STAGING),
                        Optional.of(other),
                        Optional.of(STAGING));

        assertThat(gates)
                .containsExactly(
                        new Gate.RequireFrom(STAGING, "the target tag's requireFrom"),
                        new Gate.RequireSignature(POLICY, "the target tag's requireSignature"),
                        new Gate.RequireSignature(POLICY, "namespace app-prod's requireSignature"),
                        new Gate.RequireSignature(other, "this promotion's requireSignature"));
        assertThat(ImageReference.parse(PULL_SPEC).name()).isEqualTo("registry.example.com/team/myapp");
    }
}
