package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import org.junit.jupiter.api.Test;

class IdentityRuleTest {
    private static final ImageReference NGINX = ImageReference.parse("nginx:1.27");
    private static final ImageReference LOCAL = ImageReference.parse("127.0.0.1:5000/team/app:1");

    @Test
    void matchRepositoryComparesRepositoriesWithoutTagOrDigestAsNormalized() {
        IdentityRule rule = IdentityRule.matchRepository();

        assertThat(rule.matches("index.docker.io/library/nginx", NGINX)).isTrue();
        assertThat(rule.matches("docker.io/library/nginx:latest", NGINX)).isTrue();
        assertThat(rule.matches("nginx", NGINX)).isTrue();
        assertThat(rule.matches("127.0.0.1:5000/team/app@sha256:" + "a".repeat(64), LOCAL))
                .isTrue();
        assertThat(rule.matches("127.0.0.1:5000/team/app:2", LOCAL)).isTrue();
        assertThat(rule.matches("127.0.0.1:5000/team/other", LOCAL)).isFalse();
        assertThat(rule.matches("localhost:5000/team/app", LOCAL)).isFalse();
        assertThat(rule.matches("Not A Reference", LOCAL)).isFalse();
        assertThat(rule.expectation(LOCAL)).isEqualTo("repository 127.0.0.1:5000/team/app");
    }

    @Test
    void aPatternMatchesTheSignedReferenceAsWrittenWithStarsForAnyRun() {
        assertThat(IdentityRule.pattern("quay.io/acme/*").matches("quay.io/acme/api:1.2", LOCAL))
                .isTrue();
        assertThat(IdentityRule.pattern("quay.io/acme/*").matches("quay.io/acme/team/api", LOCAL))
                .isTrue();
        assertThat(IdentityRule.pattern("quay.io/acme/*").matches("quay.io/acmeco/api", LOCAL))
                .isFalse();
        assertThat(IdentityRule.pattern("*/acme/*:1.*").matches("quay.io/acme/api:1.2", LOCAL))
                .isTrue();
        assertThat(IdentityRule.pattern("*/acme/*:1.*").matches("quay.io/acme/api:2.1", LOCAL))
                .isFalse();
        assertThat(IdentityRule.pattern("quay.io/acme/api").matches("quay.io/acme/api", LOCAL))
                .isTrue();
        assertThat(IdentityRule.pattern("quay.io/acme/api").matches("quay.io/acme/api:1", LOCAL))
                .isFalse();
        assertThat(IdentityRule.pattern("*").matches("", LOCAL)).isTrue();
        assertThat(IdentityRule.pattern("a*a*a*a*a*b").matches("a".repeat(5000), LOCAL))
                .isFalse();
        assertThat(IdentityRule.pattern("quay.io/*").expectation(LOCAL)).isEqualTo("pattern 'quay.io/*'");
    }

    @Test
    void theConfigFormRoundTripsThroughToString() {
        for (String text : new String[] {"matchRepository", "pattern:quay.io/acme/*", "pattern:*"}) {
            IdentityRule rule = IdentityRule.parse(text);

            assertThat(rule).hasToString(text);
            assertThat(IdentityRule.parse(rule.toString())).isEqualTo(rule).hasSameHashCodeAs(rule);
        }
        assertThat(IdentityRule.parse("matchRepository")).isEqualTo(IdentityRule.matchRepository());
    }

    @Test
    void otherTextIsRefusedWithTheFormsThatAreUnderstood() {
        assertThatThrownBy(() -> IdentityRule.parse("exact:quay.io/acme/api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identity rule 'exact:quay.io/acme/api' must be 'matchRepository' or 'pattern:<glob>', such"
                        + " as 'pattern:registry.example.com/team/*'");
        assertThatThrownBy(() -> IdentityRule.parse("pattern:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identity pattern '' must be 1 to 512 characters without whitespace");
        assertThatThrownBy(() -> IdentityRule.parse("pattern:quay.io/ acme"))
                .hasMessageContaining("without whitespace");
    }
}
