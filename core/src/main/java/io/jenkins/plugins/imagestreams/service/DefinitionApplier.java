package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Applies one owner's stream definitions to the store, which stays the truth for everything else. See {@link
 * ImageStreamService#apply} for the rules.
 */
final class DefinitionApplier {
    private final StreamStore store;
    private final StreamUpdater updater;
    private final Consumer<StreamName> changed;

    DefinitionApplier(StreamStore store, Consumer<StreamName> changed) {
        this.store = store;
        this.updater = new StreamUpdater(store);
        this.changed = changed;
    }

    ApplyResult apply(String owner, List<StreamDefinition> definitions) {
        List<StreamName> applied = new ArrayList<>();
        Map<StreamName, String> problems = new LinkedHashMap<>();
        Map<StreamName, Set<String>> defined = new LinkedHashMap<>();
        for (StreamDefinition definition : definitions) {
            StreamName name = definition.name();
            defined.put(
                    name, definition.spec().tags().stream().map(TagSpec::name).collect(Collectors.toSet()));
            try {
                ImageStreamSpec marked = mark(definition.spec(), owner);
                boolean created = updater.createIfMissing(name, marked);
                Optional<Versioned<ImageStream>> before = created ? Optional.empty() : store.load(name);
                Optional<Versioned<ImageStream>> after =
                        updater.update(name, stored -> stored.withSpec(merge(stored.spec(), marked)));
                if (created || versionChanged(before, after)) {
                    applied.add(name);
                }
            } catch (RuntimeException e) {
                problems.put(name, e.getMessage());
            }
        }
        List<TagSource.ImageStreamTag> released = release(owner, defined, problems);
        released.stream().map(TagSource.ImageStreamTag::stream).distinct().forEach(applied::add);
        applied.stream().distinct().forEach(changed);
        return new ApplyResult(applied.stream().distinct().toList(), released, problems);
    }

    private static boolean versionChanged(
            Optional<Versioned<ImageStream>> before, Optional<Versioned<ImageStream>> after) {
        return after.isPresent()
                && (before.isEmpty() || before.get().version() != after.get().version());
    }

    private static ImageStreamSpec mark(ImageStreamSpec spec, String owner) {
        ImageStreamSpec marked = spec;
        for (TagSpec tag : spec.tags()) {
            marked = marked.withTag(Ownership.mark(tag, owner));
        }
        return marked;
    }

    /**
     * The stored spec with the definition on top: its repository (when it names one) and history limit; each defined
     * tag whole, except that a tag defined without a source keeps the source tagging or promotion gave it.
     * {@code owner} is already marked on {@code defined}'s tags.
     */
    static ImageStreamSpec merge(ImageStreamSpec stored, ImageStreamSpec defined) {
        ImageStreamSpec merged = stored.withHistoryLimit(defined.historyLimit());
        if (defined.repository().isPresent()) {
            merged = merged.withRepository(defined.repository().get());
        }
        for (TagSpec tag : defined.tags()) {
            Optional<TagSpec> current = stored.tag(tag.name());
            boolean commandSource = current.flatMap(TagSpec::from).isPresent()
                    && current.flatMap(Ownership::sourceOwner).isEmpty();
            if (tag.from().isEmpty() && commandSource) {
                TagSpec kept = tag.withFrom(current.get().from().get())
                        .withAlias(current.get().alias());
                merged = merged.withTag(kept);
            } else {
                merged = merged.withTag(tag);
            }
        }
        return merged;
    }

    /** Takes the spec off every tag {@code owner} defined before and no longer defines; history stays. */
    private List<TagSource.ImageStreamTag> release(
            String owner, Map<StreamName, Set<String>> defined, Map<StreamName, String> problems) {
        List<TagSource.ImageStreamTag> released = new ArrayList<>();
        for (StreamName name : store.list()) {
            if (problems.containsKey(name)) {
                continue;
            }
            Set<String> keep = defined.getOrDefault(name, Set.of());
            try {
                List<String> gone = new ArrayList<>();
                updater.update(name, stream -> {
                    gone.clear();
                    ImageStreamSpec spec = stream.spec();
                    for (TagSpec tag : stream.spec().tags()) {
                        if (Ownership.owner(tag).filter(owner::equals).isPresent() && !keep.contains(tag.name())) {
                            spec = spec.withoutTag(tag.name());
                            gone.add(tag.name());
                        }
                    }
                    return gone.isEmpty() ? stream : stream.withSpec(spec);
                });
                gone.forEach(tag -> released.add(new TagSource.ImageStreamTag(name, tag)));
            } catch (RuntimeException e) {
                problems.put(name, "cannot release the tags " + owner + " no longer defines: " + e.getMessage());
            }
        }
        return released;
    }
}
