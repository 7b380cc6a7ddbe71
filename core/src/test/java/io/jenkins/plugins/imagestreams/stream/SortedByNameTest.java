package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.Test;

/** A spec's or status's tags stay sorted by name, each once, whatever order changes come in. */
public class SortedByNameTest {
    private final SortedByName<String> names = new SortedByName<>(Function.identity());

    @Test
    public void sortsWhatComesOutOfOrderAndKeepsWhatIsInOrder() {
        assertThat(names.sorted(List.of("b", "c", "a"), "%s twice")).containsExactly("a", "b", "c");
        assertThat(names.sorted(List.of("a", "b", "c"), "%s twice")).containsExactly("a", "b", "c");
        assertThat(names.sorted(List.of(), "%s twice")).isEmpty();
    }

    @Test
    public void aNameTwiceFailsNamingItInOrderOrNot() {
        assertThatThrownBy(() -> names.sorted(List.of("a", "b", "b"), "tag '%s' twice"))
                .isInstanceOf(InvalidStreamException.class)
                .hasMessage("tag 'b' twice");
        assertThatThrownBy(() -> names.sorted(List.of("c", "a", "c"), "tag '%s' twice"))
                .hasMessage("tag 'c' twice");
    }

    @Test
    public void changesKeepTheOrderAndFindEveryName() {
        Random random = new Random(3);
        List<String> sorted = List.of();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String name = "t" + random.nextInt(200);
            if (random.nextInt(4) == 0) {
                sorted = names.sorted(names.without(sorted, name), "%s twice");
                expected.remove(name);
            } else {
                sorted = names.sorted(names.with(sorted, name), "%s twice");
                if (!expected.contains(name)) {
                    expected.add(name);
                }
            }
            List<String> order = new ArrayList<>(expected);
            Collections.sort(order);
            assertThat(sorted).isEqualTo(order);
        }
        for (String name : expected) {
            assertThat(names.find(sorted, name)).contains(name);
        }
        assertThat(names.find(sorted, "t999")).isEmpty();
        assertThat(names.find(sorted, "a")).isEmpty();
    }

    @Test
    public void specAndStatusFindTheirTagsAmongMany() {
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (int i = 999; i >= 0; i--) {
            spec = spec.withTag(TagSpec.of(
                    String.format("v%04d", i),
                    new TagSource.DockerImage(ImageReference.parse("reg.example/app:" + i))));
        }
        assertThat(spec.tags()).hasSize(1000);
        assertThat(spec.tags().get(0).name()).isEqualTo("v0000");
        assertThat(spec.tag("v0500")).map(TagSpec::name).contains("v0500");
        assertThat(spec.withoutTag("v0500").tag("v0500")).isEmpty();

        ImageStreamStatus status = ImageStreamStatus.empty();
        for (int i = 0; i < 1000; i += 2) {
            status = status.with(seen(String.format("v%04d", i)));
        }
        for (int i = 999; i > 0; i -= 2) {
            status = status.with(seen(String.format("v%04d", i)));
        }
        assertThat(status.tags()).extracting(TagHistory::tag).isSorted().hasSize(1000);
        assertThat(status.tag("v0501")).map(TagHistory::tag).contains("v0501");
        ImageStreamStatus cleared = status.with(TagHistory.empty("v0501"));
        assertThat(cleared.tag("v0501")).isEmpty();
        assertThat(cleared.tags()).hasSize(999);
    }

    private static TagHistory seen(String tag) {
        TagEvent event = new TagEvent(
                Instant.parse("2026-01-01T00:00:00Z"),
                "reg.example/app:" + tag,
                Digest.sha256(tag.getBytes(StandardCharsets.UTF_8)),
                1,
                "");
        return new TagHistory(tag, List.of(event), List.of(), Set.of());
    }
}
