package io.jenkins.plugins.imagestreams.jenkins.runtime;

import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.SpecMapper;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.store.ConflictException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes configured stream definitions into the store: new streams are created; for stored ones the configured tags
 * are added or replaced, the history limit and repository set, and tags written by steps (tagging, promotion) kept.
 */
final class StreamSync {
    private StreamSync() {}

    /** Applies every configured stream; returns one message per stream that could not be applied. */
    static List<String> apply(ImageStreamsConfiguration config, StreamStore store) {
        List<String> problems = new ArrayList<>();
        StreamUpdater updater = new StreamUpdater(store);
        for (StreamDefinition definition : config.getStreams()) {
            try {
                StreamName name = SpecMapper.name(definition);
                ImageStreamSpec configured = SpecMapper.spec(definition, config.getHistoryLimit());
                if (store.load(name).isEmpty()) {
                    try {
                        store.save(ImageStream.create(name, configured), StreamStore.NEW);
                        continue;
                    } catch (ConflictException raced) {
                        // created meanwhile: merge below
                    }
                }
                updater.update(name, stream -> stream.withSpec(merge(stream.spec(), configured)));
            } catch (RuntimeException e) {
                problems.add("image stream " + definition.getFullName() + " not applied: " + e.getMessage());
            }
        }
        return problems;
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
