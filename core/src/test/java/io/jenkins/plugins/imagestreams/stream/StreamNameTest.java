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

    @Test
    public void tagNamesAreCheckedAsTheDistributionGrammarsExpressionChecksThem() {
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("[\\w][\\w.-]{0,127}");
        String alphabet = "aZ09_.-é ü/:@+\u0663\u00b2";
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 50_000; i++) {
            int length = i % 50 == 0 ? 120 + random.nextInt(12) : random.nextInt(6);
            StringBuilder tag = new StringBuilder();
            for (int j = 0; j < length; j++) {
                tag.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = tag.toString();
            assertThat(TagNames.isValid(text))
                    .as(text)
                    .isEqualTo(grammar.matcher(text).matches());
        }
        assertThat(TagNames.isValid("a".repeat(128))).isTrue();
        assertThat(TagNames.isValid(null)).isFalse();
        assertThat(TagNames.isValid("")).isFalse();
    }
}
