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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes alias tags follow their source across streams (OpenShift follows only within one stream, which
 * {@link ImageStream#recordImage} already does). As a listener, each {@link ImageChanged} of {@code S:t} is recorded
 * into every alias of {@code S:t} in every other stream, which is saved and then has its own events delivered through
 * {@code changed} (so chains of aliases across streams follow too, and cycles stop because an unchanged digest records
 * nothing).
 */
public final class AliasFollower implements ImageChangeListener {
    /** The listener id under which deliveries to this follower are marked. */
    public static final String ID = "alias-follower";

    private final StreamStore store;
    private final StreamUpdater updater;
    private final Clock clock;
    private final Consumer<StreamName> changed;

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

    @Override
    public void imageChanged(ImageChanged event) {
        TagEvent head = new TagEvent(
                clock.instant(),
                event.dockerImageReference(),
                event.newDigest(),
                event.generation(),
                "alias of " + event.streamTag());
        for (StreamName name : store.list()) {
            if (name.equals(event.stream())) {
                continue;
            }
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

    /**
     * Brings every alias tag of stream {@code name} to its source's current image now: for a newly defined alias.
     *
     * @return whether anything changed
     * @throws StoreException if the store fails
     */
    public boolean follow(StreamName name) {
        Optional<ImageStream> stream = store.load(name).map(v -> v.value());
        if (stream.isEmpty()) {
            return false;
        }
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
