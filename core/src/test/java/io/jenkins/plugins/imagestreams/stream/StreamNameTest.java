package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class StreamNameTest {
    @Test
    public void nameWithoutNamespaceIsInDefault() {
        StreamName name = StreamName.parse("app");
        assertThat(name.namespace()).isEqualTo("default");
        assertThat(name.name()).isEqualTo("app");
        assertThat(name).hasToString("default/app");
    }

    @Test
    public void namespaceAndNameAreSplitAtTheSlash() {
        assertThat(StreamName.parse("team-a/web-1")).isEqualTo(StreamName.of("team-a", "web-1"));
    }

    @Test
    public void pathTraversalIsRejectedWithTheInputNamed() {
        assertThatThrownBy(() -> StreamName.parse(".."))
                .isInstanceOf(InvalidStreamException.class)
                .hasMessageContaining("image stream name '..'")
                .hasMessageContaining("DNS-1123 label");
        assertThatThrownBy(() -> StreamName.parse("../etc")).hasMessageContaining("namespace '..'");
    }

    @Test
    public void secondSlashIsRejected() {
        assertThatThrownBy(() -> StreamName.parse("a/b/c")).hasMessageContaining("more than one '/'");
    }

    @Test
    public void nulIsRejectedAndShownEscaped() {
        assertThatThrownBy(() -> StreamName.parse("app\0x")).hasMessageContaining("app\\u0000x");
    }

    @Test
    public void uppercaseIsRejected() {
        assertThatThrownBy(() -> StreamName.parse("App")).hasMessageContaining("lowercase");
    }

    @Test
    public void tenThousandCharactersAreRejectedWithoutEchoingThemAll() {
        String huge = "a".repeat(10_000);
        assertThatThrownBy(() -> StreamName.parse(huge))
                .hasMessageContaining("(10000 characters)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    public void emptyIsRejected() {
        assertThatThrownBy(() -> StreamName.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> StreamName.parse("ns/")).hasMessageContaining("image stream name is empty");
    }

    @Test
    public void tagNamesFollowTheDistributionGrammar() {
        assertThat(TagNames.isValid("v1.2.3_rc-1")).isTrue();
        assertThat(TagNames.isValid(".hidden")).isFalse();
        assertThat(TagNames.isValid("a".repeat(129))).isFalse();
        assertThatThrownBy(() -> TagNames.require("a/b")).hasMessageContaining("tag 'a/b'");
    }
}
