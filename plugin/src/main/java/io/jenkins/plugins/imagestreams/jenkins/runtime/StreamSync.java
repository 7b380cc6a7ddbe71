package io.jenkins.plugins.imagestreams.jenkins.runtime;

import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.SpecMapper;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes configured stream definitions into the store: new streams are created; for stored ones the configured tags
 * are added or replaced, the history limit and repository set, and tags written by steps (tagging, promotion) kept.
 */
final class StreamSync {
    private StreamSync() {}

    /**
     * Applies every configured stream; {@code problems} gets one message per stream that could not be applied.
     *
     * @return the streams created or updated
     */
    static List<StreamName> apply(ImageStreamsConfiguration config, StreamStore store, Consumer<String> problems) {
        List<StreamName> applied = new ArrayList<>();
        StreamUpdater updater = new StreamUpdater(store);
        for (StreamDefinition definition : config.getStreams()) {
            try {
                StreamName name = SpecMapper.name(definition);
                ImageStreamSpec configured = SpecMapper.spec(definition, config.getHistoryLimit());
                if (updater.createIfMissing(name, configured)) {
                    applied.add(name);
                    continue;
                }
                updater.update(name, stream -> stream.withSpec(merge(stream.spec(), configured)));
                applied.add(name);
            } catch (RuntimeException e) {
                problems.accept("image stream " + definition.getFullName() + " not applied: " + e.getMessage());
            }
        }
        return applied;
    }

    static ImageStreamSpec merge(ImageStreamSpec stored, ImageStreamSpec configured) {
        ImageStreamSpec merged = stored.withHistoryLimit(configured.historyLimit());
        if (configured.repository().isPresent()) {
            merged = merged.withRepository(configured.repository().get());
        }
        for (TagSpec tag : configured.tags()) {
            merged = merged.withTag(tag);
        }
        return merged;
    }
}
