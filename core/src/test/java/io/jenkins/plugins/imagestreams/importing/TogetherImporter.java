package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;
import java.util.Map;

/** A {@link TagImporter} of tests, written as its {@link #importTags}: a single tag is imported as a list of one. */
@FunctionalInterface
public interface TogetherImporter extends TagImporter {
    @Override
    Map<String, ImportResult> importTags(StreamName stream, List<String> tags);

    @Override
    default ImportResult importTag(StreamName stream, String tag) {
        return importTags(stream, List.of(tag)).get(tag);
    }
}
