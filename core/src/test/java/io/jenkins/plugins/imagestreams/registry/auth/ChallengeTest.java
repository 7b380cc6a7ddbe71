package io.jenkins.plugins.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ChallengeTest {
    private static Challenge only(String header) {
        List<Challenge> all = Challenge.parseAll(List.of(header));
        assertThat(all).as(header).hasSize(1);
        return all.get(0);
    }

    @Test
    public void parsesDistributionBearerChallengeWithTwoScopes() {
        Challenge c = only("Bearer realm=\"http://127.0.0.1:53873/token\",service=\"test-registry\","
                + "scope=\"repository:demo/app:pull repository:jdk/copy:push,pull\"");
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.param("realm")).contains("http://127.0.0.1:53873/token");
        assertThat(c.param("service")).contains("test-registry");
        assertThat(c.scopes()).containsExactly("repository:demo/app:pull", "repository:jdk/copy:push,pull");
    }

    @Test
    public void parametersMayComeInAnyOrderWithSpacesAndCaseInsensitiveNames() {
        Challenge c = only("bearer  Scope=\"repository:a:pull\" , SERVICE = \"reg\",realm=\"https://auth.example/t\"");
        assertThat(c.params())
                .isEqualTo(Map.of("scope", "repository:a:pull", "service", "reg", "realm", "https://auth.example/t"));
    }

    @Test
    public void tableOfHeaders() {
        Object[][] table = {
            {"Basic realm=\"test-realm\"", "basic", Map.of("realm", "test-realm")},
            {"Basic realm=registry", "basic", Map.of("realm", "registry")},
            {"Bearer realm=\"https://r/t\",service=\"s\"", "bearer", Map.of("realm", "https://r/t", "service", "s")},
            {"Bearer realm=\"a \\\"quoted\\\" realm\"", "bearer", Map.of("realm", "a \"quoted\" realm")},
            {"Bearer realm=\"x,y\", error=\"invalid_token\"", "bearer", Map.of("realm", "x,y", "error", "invalid_token")
            },
            {"Bearer", "bearer", Map.of()},
        };
        for (Object[] row : table) {
            Challenge c = only((String) row[0]);
            assertThat(c.scheme()).as((String) row[0]).isEqualTo(row[1]);
            assertThat(c.params()).as((String) row[0]).isEqualTo(row[2]);
        }
    }

    @Test
    public void readsSeveralChallengesInOneHeaderAndAcrossHeaders() {
        List<Challenge> all = Challenge.parseAll(
                List.of("Basic realm=\"one\", Bearer realm=\"https://two/t\",service=\"s\"", "Negotiate"));
        assertThat(all).extracting(Challenge::scheme).containsExactly("basic", "bearer", "negotiate");
        assertThat(all.get(1).param("service")).contains("s");
    }

    @Test
    public void challengeWithoutScopeHasNoScopes() {
        assertThat(only("Bearer realm=\"https://r/t\",service=\"s\"").scopes()).isEmpty();
    }

    @Test
    public void unterminatedQuoteKeepsTheRestAsValue() {
        assertThat(only("Bearer realm=\"https://r/t").param("realm")).contains("https://r/t");
    }
}
