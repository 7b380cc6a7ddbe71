package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.importing.TogetherImporter;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ImportTrackerTest {
    private static final StreamName STREAM = StreamName.parse("app");
    private static final ImportResult OK = new ImportResult.Unchanged(
            new TagEvent(Instant.EPOCH, "r/x@" + Digest.sha256(new byte[0]), Digest.sha256(new byte[0]), 1, "import"));

    private final List<String> told = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** A tracker of an importer that imports tags together, refusing any set with a tag named {@code gone}. */
    private ImportTracker tracker() {
        TogetherImporter importer = (stream, tags) -> {
            if (tags.contains("gone")) {
                throw new IllegalArgumentException("tag 'gone' does not exist in image stream " + stream);
            }
            Map<String, ImportResult> results = new LinkedHashMap<>();
            tags.forEach(t -> results.put(t, OK));
            return results;
        };
        return new ImportTracker(
                importer, (stream, tag, result) -> told.add(stream.name() + ":" + tag), (m, e) -> problems.add(m));
    }

    @Test
    public void eachTagImportedTogetherIsToldToTheListener() {
        Map<String, ImportResult> results = tracker().importTags(STREAM, List.of("1", "2", "3"));

        assertThat(results).containsOnlyKeys("1", "2", "3");
        assertThat(told).containsExactly("app:1", "app:2", "app:3");
        assertThat(problems).isEmpty();
    }

    @Test
    public void aFailureOfTagsTogetherIsLeftToTheirImportsAloneAndReportedOnceWithItsTag() {
        ImportTracker tracker = tracker();

        assertThatThrownBy(() -> tracker.importTags(STREAM, List.of("1", "gone")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(problems).as("the scheduler imports each alone next").isEmpty();

        tracker.importTag(STREAM, "1");
        assertThatThrownBy(() -> tracker.importTag(STREAM, "gone")).isInstanceOf(IllegalArgumentException.class);
        assertThat(problems)
                .containsExactly("import of default/app:gone failed: tag 'gone' does not exist in image stream"
                        + " default/app");
        assertThat(told).containsExactly("app:1");
    }
}
