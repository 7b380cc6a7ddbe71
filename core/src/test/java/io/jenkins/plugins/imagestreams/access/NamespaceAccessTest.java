package io.jenkins.plugins.imagestreams.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.access.NamespaceAccess.Access;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess.Decision;
import io.jenkins.plugins.imagestreams.stream.InvalidStreamException;
import java.util.List;
import org.junit.Test;

public class NamespaceAccessTest {
    private final NamespaceAccess access = new NamespaceAccess(List.of(
            NamespaceRule.parse("app-prod", "release/promote, ops/", "audit/*"),
            NamespaceRule.parse("app-prod", "hotfix", "")));

    @Test
    public void namespaceWithoutRuleIsOpen() {
        assertThat(access.check("anyone", "app-dev", Access.WRITE).allowed()).isTrue();
    }

    @Test
    public void writerMayWriteAndRead() {
        assertThat(access.check("release/promote", "app-prod", Access.WRITE).allowed())
                .isTrue();
        assertThat(access.check("ops/sub/job", "app-prod", Access.READ).allowed())
                .isTrue();
    }

    @Test
    public void rulesForOneNamespaceAddUp() {
        assertThat(access.check("hotfix", "app-prod", Access.WRITE).allowed()).isTrue();
    }

    @Test
    public void readerMayReadButNotWrite() {
        assertThat(access.check("audit/report", "app-prod", Access.READ).allowed())
                .isTrue();
        Decision refused = access.check("audit/report", "app-prod", Access.WRITE);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason())
                .contains("job 'audit/report' may not tag or promote into namespace 'app-prod'")
                .contains("[release/promote, ops/, hotfix]");
    }

    @Test
    public void unlistedJobIsRefusedReadingWithTheRuleNamed() {
        Decision refused = access.check("dev/build", "app-prod", Access.READ);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).contains("may not read").contains("readers [audit/*]");
    }

    @Test
    public void patternListsSplitOnCommasAndLines() {
        assertThat(NamespaceRule.patterns("a, b\nc\r\n\n"))
                .extracting(JobPattern::toString)
                .containsExactly("a", "b", "c");
    }

    @Test
    public void badNamespaceIsRefused() {
        assertThatThrownBy(() -> NamespaceRule.parse("App_Prod", "x", "")).isInstanceOf(InvalidStreamException.class);
    }
}
