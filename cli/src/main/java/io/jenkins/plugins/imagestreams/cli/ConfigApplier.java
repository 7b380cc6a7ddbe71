package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies stream definitions from the config file to the store, which stays the truth. The rules, in order:
 *
 * <ol>
 *   <li>A stream the config names but the store lacks is created with the config's spec.
 *   <li>For a stored stream, the config's repository and history limit replace the stored ones.
 *   <li>A config tag with a source ({@code from}) is owned by the config: its spec replaces the stored spec tag
 *       (history is kept; an unchanged intent keeps its generation, so applying the same file twice writes nothing).
 *       Commands that would change or delete such a tag are refused, naming the file.
 *   <li>A config tag without a source is only created when missing, so tagging and promotion may write it.
 *   <li>Tags and streams the config does not name (made by commands) are left alone; removing a definition from the
 *       file deletes nothing: use {@code imagestreams tag -d}.
 * </ol>
 *
 * Aliases the config defines get their source's current image at once.
 */
final class ConfigApplier {
    private final StreamStore store;
    private final AliasFollower aliases;

    ConfigApplier(StreamStore store, AliasFollower aliases) {
        this.store = store;
        this.aliases = aliases;
    }

    /** Applies {@code definitions}, read from {@code file}; returns which tags the config owns. */
    ConfiguredTags apply(Path file, List<StreamConfig.Definition> definitions) {
        StreamUpdater updater = new StreamUpdater(store);
        Map<StreamName, Map<String, TagSpec>> owned = new LinkedHashMap<>();
        for (StreamConfig.Definition definition : definitions) {
            StreamName name = definition.name();
            updater.createIfMissing(name, definition.spec());
            updater.update(name, stored -> stored.withSpec(merge(stored.spec(), definition.spec())));
            Map<String, TagSpec> tags = new LinkedHashMap<>();
            definition.spec().tags().stream().filter(t -> t.from().isPresent()).forEach(t -> tags.put(t.name(), t));
            owned.put(name, tags);
            if (definition.spec().tags().stream().anyMatch(TagSpec::alias)) {
                aliases.follow(name);
            }
        }
        return new ConfiguredTags(Optional.of(file), owned);
    }

    private static ImageStreamSpec merge(ImageStreamSpec stored, ImageStreamSpec config) {
        ImageStreamSpec merged = new ImageStreamSpec(config.repository(), config.historyLimit(), stored.tags());
        for (TagSpec tag : config.tags()) {
            if (tag.from().isPresent()) {
                merged = merged.withTag(tag);
            } else if (stored.tag(tag.name()).isEmpty()) {
                merged = merged.withTag(tag);
            }
        }
        return merged;
    }
}
