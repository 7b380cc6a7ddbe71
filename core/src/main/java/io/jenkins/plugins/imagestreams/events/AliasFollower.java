package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.store.CorruptStreamException;
import io.jenkins.plugins.imagestreams.store.StoreException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes alias tags follow their source across streams (OpenShift follows only within one stream, which
 * {@link ImageStream#recordImage} already does). As a listener, each {@link ImageChanged} of {@code S:t} is recorded
 * into every alias of {@code S:t} in every other stream, which is saved and then has its own events delivered through
 * {@code changed} (so chains of aliases across streams follow too, and cycles stop because an unchanged digest records
 * nothing).
 *
 * <p>Which streams hold aliases of which sources is kept in an index, so that a change loads the streams that alias
 * it, not every stream of the store: the index is read from the whole store at the first change and again once it is
 * {@link #REFRESH} old, and a stream passed to {@link #follow} (every stream saved through this process) updates its
 * own entry at once. An alias saved by another process is therefore followed from the next refresh on, and brought to
 * its source's current image then.
 */
public final class AliasFollower implements ImageChangeListener {
    /** The listener id under which deliveries to this follower are marked. */
    public static final String ID = "alias-follower";
    /** How long the index of aliases across streams is used before it is read from the whole store again. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final StreamStore store;
    private final StreamUpdater updater;
    private final Clock clock;
    private final Consumer<StreamName> changed;
    /** For each stream with aliases of other streams' tags: those sources. */
    private final Map<StreamName, Set<TagSource.ImageStreamTag>> aliasing = new ConcurrentHashMap<>();
    /** When {@link #aliasing} was last read from the whole store; null before the first change. */
    private volatile Instant indexed;

    /**
     * @param changed called with each stream this follower saved, typically {@link EventDispatcher#deliverPending}
     */
    public AliasFollower(StreamStore store, Clock clock, Consumer<StreamName> changed) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Only changes of tags that some other stream's alias follows: for the rest there is nothing to record, so a run
     * over a thousand changed tags that nothing aliases costs the dispatcher no claim and no mark to save.
     */
    @Override
    public boolean wants(ImageStream stream, String tag) {
        return !aliasesOf(new TagSource.ImageStreamTag(stream.name(), tag)).isEmpty();
    }

    @Override
    public void imageChanged(ImageChanged event) {
        TagEvent head = new TagEvent(
                clock.instant(),
                event.dockerImageReference(),
                event.newDigest(),
                event.generation(),
                "alias of " + event.streamTag());
        TagSource.ImageStreamTag source = new TagSource.ImageStreamTag(event.stream(), event.tag());
        for (StreamName name : aliasesOf(source)) {
            try {
                AtomicBoolean saved = new AtomicBoolean();
                updater.update(name, stream -> {
                    ImageStream next = stream;
                    for (String alias : stream.aliasesOf(event.stream(), event.tag())) {
                        next = next.recordImage(alias, head);
                    }
                    saved.set(next != stream);
                    return next;
                });
                if (saved.get()) {
                    changed.accept(name);
                }
            } catch (CorruptStreamException e) {
                // an unreadable stream cannot hold aliases we could update; the store reports it on load
            }
        }
    }

    /** The streams but {@code source}'s own that the index says alias {@code source}; read anew when it is old. */
    private List<StreamName> aliasesOf(TagSource.ImageStreamTag source) {
        Instant now = clock.instant();
        Instant last = indexed;
        if (last == null || !now.isBefore(last.plus(REFRESH))) {
            reindex(now);
        }
        List<StreamName> names = new ArrayList<>();
        aliasing.forEach((name, sources) -> {
            if (!name.equals(source.stream()) && sources.contains(source)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    /** Reads the index from every stream of the store; a stream that newly aliases another's tags is followed. */
    private synchronized void reindex(Instant now) {
        Set<StreamName> before = indexed == null ? null : Set.copyOf(aliasing.keySet());
        Set<StreamName> seen = new HashSet<>();
        for (StreamName name : store.list()) {
            seen.add(name);
            try {
                store.load(name).ifPresent(v -> index(v.value()));
            } catch (CorruptStreamException e) {
                // an unreadable stream cannot hold aliases we could update; the store reports it on load
            }
        }
        aliasing.keySet().retainAll(seen);
        indexed = now;
        if (before != null) {
            for (StreamName name : Set.copyOf(aliasing.keySet())) {
                if (!before.contains(name)) {
                    follow(name);
                }
            }
        }
    }

    /** Records in the index which other streams' tags {@code stream}'s alias tags follow. */
    private void index(ImageStream stream) {
        Set<TagSource.ImageStreamTag> sources = new HashSet<>();
        for (TagSpec tag : stream.spec().tags()) {
            if (tag.alias()
                    && tag.from().orElse(null) instanceof TagSource.ImageStreamTag source
                    && !source.stream().equals(stream.name())) {
                sources.add(source);
            }
        }
        if (sources.isEmpty()) {
            aliasing.remove(stream.name());
        } else {
            aliasing.put(stream.name(), Set.copyOf(sources));
        }
    }

    /**
     * Brings every alias tag of stream {@code name} to its source's current image now: for a newly defined alias.
     *
     * @return whether anything changed
     * @throws StoreException if the store fails
     */
    public boolean follow(StreamName name) {
        Optional<ImageStream> stream = store.load(name).map(v -> v.value());
        if (stream.isEmpty()) {
            aliasing.remove(name);
            return false;
        }
        index(stream.get());
        boolean any = false;
        for (TagSpec tag : stream.get().spec().tags()) {
            if (tag.alias() && tag.from().orElse(null) instanceof TagSource.ImageStreamTag source) {
                Optional<TagEvent> sourceHead =
                        store.load(source.stream()).flatMap(v -> v.value().currentImage(source.tag()));
                if (sourceHead.isPresent()) {
                    TagEvent copy = sourceHead.get().withCause("alias of " + source);
                    AtomicBoolean saved = new AtomicBoolean();
                    updater.update(name, s -> {
                        ImageStream next = s.recordImage(tag.name(), copy);
                        saved.set(next != s);
                        return next;
                    });
                    any |= saved.get();
                }
            }
        }
        if (any) {
            changed.accept(name);
        }
        return any;
    }
}
