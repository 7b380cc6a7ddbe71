package io.jenkins.plugins.imagestreams.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class TagPolicyTest {
    private static final List<String> TAGS =
            List.of("1.9.0", "1.10.0", "1.10.1-rc1", "2.0.0", "latest", "sha-abc", "v1.2.7", "1.2", "0.9.4");

    private static Optional<String> semver(String range, boolean prereleases) {
        return TagPolicy.of("semver", range, prereleases).newest(TAGS);
    }

    @Test
    public void semverRangesPickTheNewestMatchingTag() {
        String[][] table = {
            {">=1.2 <2", "1.10.0"},
            {"^1.2", "1.10.0"},
            {"~1.2.3", "v1.2.7"},
            {"~1.2", "v1.2.7"},
            {"1.x", "1.10.0"},
            {"1.9.x", "1.9.0"},
            {"*", "2.0.0"},
            {">=2", "2.0.0"},
            {"<1", "0.9.4"},
            {"^0.9", "0.9.4"},
            {"=1.9.0", "1.9.0"},
            {"1.9.0 || 2.x", "2.0.0"},
            {">= 1.0, <1.5".replace(",", ""), "v1.2.7"},
            {">1.2 <2", "1.10.0"},
            {"<=1.9", "1.9.0"},
        };
        for (String[] row : table) {
            assertThat(semver(row[0], false)).as(row[0]).contains(row[1]);
        }
        assertThat(semver(">=3", false)).isEmpty();
    }

    @Test
    public void preReleasesAreExcludedUnlessAskedFor() {
        assertThat(semver(">=1.10.0 <2", false)).contains("1.10.0");
        assertThat(semver(">=1.10.0 <1.10.5", true)).contains("1.10.1-rc1");
        assertThat(semver(">=1.10.1-rc0 <1.10.5", false)).contains("1.10.1-rc1");
    }

    @Test
    public void semverOrderFollowsPrecedenceNotStrings() {
        assertThat(TagPolicy.of("semver", ">=0", true).order(TAGS))
                .containsExactly("2.0.0", "1.10.1-rc1", "1.10.0", "1.9.0", "v1.2.7", "1.2", "0.9.4")
                .doesNotContain("latest", "sha-abc");
    }

    @Test
    public void semverVersionPrecedence() {
        assertThat(SemVersion.parse("1.0.0-alpha")).isLessThan(SemVersion.parse("1.0.0-alpha.1"));
        assertThat(SemVersion.parse("1.0.0-alpha.1")).isLessThan(SemVersion.parse("1.0.0-alpha.beta"));
        assertThat(SemVersion.parse("1.0.0-beta.2")).isLessThan(SemVersion.parse("1.0.0-beta.11"));
        assertThat(SemVersion.parse("1.0.0-rc.1")).isLessThan(SemVersion.parse("1.0.0"));
        assertThat(SemVersion.parse("1.0.0+build.5")).isEqualByComparingTo(SemVersion.parse("1.0.0"));
        assertThat(SemVersion.tryParse("latest")).isEmpty();
    }

    @Test
    public void badRangesNameTheComparator() {
        assertThatThrownBy(() -> SemverRange.parse(">=1.2 <two"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("'<two'");
        assertThatThrownBy(() -> SemverRange.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SemverRange.parse("1.x ||")).hasMessageContaining("empty alternative");
    }

    @Test
    public void regexWithNamedGroupSortsNumericKeysNumerically() {
        List<String> tags = List.of("build-9", "build-10", "build-100", "release-7", "latest");
        assertThat(TagPolicy.of("regex", "build-(?<key>[0-9]+)", false).newest(tags))
                .contains("build-100");
    }

    @Test
    public void regexWithGroupOneSortsAlphabeticallyWhenKeysAreNotNumbers() {
        List<String> tags = List.of("main-2024-01-09-abc", "main-2024-01-10-def", "main-2023-12-31-xyz", "dev-1");
        assertThat(TagPolicy.of("regex", "main-([0-9-]+)-[a-z]+", false).order(tags))
                .containsExactly("main-2024-01-10-def", "main-2024-01-09-abc", "main-2023-12-31-xyz");
    }

    @Test
    public void regexWithoutGroupUsesTheWholeTag() {
        assertThat(TagPolicy.of("regex", "sha-.*", false).newest(TAGS)).contains("sha-abc");
    }

    @Test
    public void alphabeticalAndNumericPolicies() {
        assertThat(TagPolicy.of("alphabetical", "", false).newest(TAGS)).contains("v1.2.7");
        assertThat(TagPolicy.of("alphabetical", "[0-9.]+", false).newest(TAGS)).contains("2.0.0");
        List<String> numbers = List.of("9", "10", "1.5", "20240101", "latest");
        assertThat(TagPolicy.of("numeric", "", false).order(numbers)).containsExactly("20240101", "10", "9", "1.5");
        assertThat(TagPolicy.of("numeric", "[0-9]{1,2}", false).newest(numbers)).contains("10");
    }

    @Test
    public void policiesRoundTripThroughTypeAndValue() {
        for (TagPolicy policy : List.of(
                TagPolicy.of("semver", "^1.2", true),
                TagPolicy.of("regex", "b-(?<key>[0-9]+)", false),
                TagPolicy.of("alphabetical", "", false),
                TagPolicy.of("numeric", "[0-9]+", false))) {
            TagPolicy back = TagPolicy.of(
                    policy.type(), policy.value(), policy instanceof TagPolicy.Semver s && s.includePrereleases());
            assertThat(back.type()).isEqualTo(policy.type());
            assertThat(back.value()).isEqualTo(policy.value());
            assertThat(back.order(TAGS)).isEqualTo(policy.order(TAGS));
            assertThat(back).isEqualTo(policy).hasSameHashCodeAs(policy);
        }
    }

    @Test
    public void unknownTypeAndBadPatternAreReported() {
        assertThatThrownBy(() -> TagPolicy.of("newest", "", false)).hasMessageContaining("'newest' is unknown");
        assertThatThrownBy(() -> TagPolicy.of("regex", "(", false)).hasMessageContaining("not a valid regular");
        assertThatThrownBy(() -> TagPolicy.of("numeric", "[0-9", false))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("'[0-9' is not a valid regular");
    }

    @Test
    public void filteredPoliciesAreEqualByTypeAndPatternText() {
        assertThat(TagPolicy.of("numeric", "[0-9]+", false)).isEqualTo(TagPolicy.of("numeric", "[0-9]+", true));
        assertThat(TagPolicy.of("numeric", "[0-9]+", false)).isNotEqualTo(TagPolicy.of("numeric", "[0-9]*", false));
        assertThat(TagPolicy.of("numeric", "[0-9]+", false))
                .isNotEqualTo(TagPolicy.of("alphabetical", "[0-9]+", false));
        assertThat(TagPolicy.of("alphabetical", "", false)).isNotEqualTo(TagPolicy.of("alphabetical", ".*", false));
    }
}
