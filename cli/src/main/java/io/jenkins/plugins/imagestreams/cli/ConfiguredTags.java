package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The spec tags the config file owns (those with a source), so commands refuse to change them behind the file's back.
 *
 * @param file the config file, empty when there is none
 * @param tags per stream, the owned tags by name
 */
record ConfiguredTags(Optional<Path> file, Map<StreamName, Map<String, TagSpec>> tags) {
    ConfiguredTags {
        tags = Map.copyOf(tags);
    }

    static ConfiguredTags none() {
        return new ConfiguredTags(Optional.empty(), Map.of());
    }

    Optional<TagSpec> owned(StreamName stream, String tag) {
        return Optional.ofNullable(tags.getOrDefault(stream, Map.of()).get(tag));
    }

    /**
     * @throws CommandFailure if the config owns {@code stream:tag}, saying to change it in the file instead
     */
    void requireNotOwned(StreamName stream, String tag, String action) {
        if (owned(stream, tag).isPresent()) {
            throw new CommandFailure("cannot " + action + " " + stream + ":" + tag + ": the tag is defined in "
                    + file.map(Path::toString).orElse("the config") + "; change it there");
        }
    }
}
