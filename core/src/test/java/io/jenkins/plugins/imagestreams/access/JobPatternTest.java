package io.jenkins.plugins.imagestreams.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class JobPatternTest {
    @Test
    public void plainNameMatchesOnlyThatJob() {
        JobPattern p = JobPattern.parse("release-1.0");
        assertThat(p.matches("release-1.0")).isTrue();
        assertThat(p.matches("release-100")).isFalse();
        assertThat(p.matches("team/release-1.0")).isFalse();
    }

    @Test
    public void singleStarStaysWithinOneSegment() {
        JobPattern p = JobPattern.parse("team-a/*");
        assertThat(p.matches("team-a/build")).isTrue();
        assertThat(p.matches("team-a/sub/build")).isFalse();
        assertThat(p.matches("team-b/build")).isFalse();
    }

    @Test
    public void doubleStarCrossesSegments() {
        JobPattern p = JobPattern.parse("team-a/**/deploy");
        assertThat(p.matches("team-a/x/y/deploy")).isTrue();
        assertThat(p.matches("team-a/x/y/build")).isFalse();
    }

    @Test
    public void trailingSlashNamesEveryJobInTheFolder() {
        JobPattern p = JobPattern.parse("team-a/");
        assertThat(p.matches("team-a/build")).isTrue();
        assertThat(p.matches("team-a/sub/deploy")).isTrue();
        assertThat(p.matches("team-ab/build")).isFalse();
    }

    @Test
    public void regexCharactersAreLiteral() {
        assertThat(JobPattern.parse("a+b").matches("aab")).isFalse();
        assertThat(JobPattern.parse("a+b").matches("a+b")).isTrue();
    }

    @Test
    public void blankAndRootedPatternsAreRefusedWithAHint() {
        assertThatThrownBy(() -> JobPattern.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> JobPattern.parse("/team")).hasMessageContaining("starts with '/'");
    }
}
