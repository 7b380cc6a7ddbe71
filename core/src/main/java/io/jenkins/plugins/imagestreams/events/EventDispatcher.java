package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.store.StoreException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Delivers {@link ImageChanged} events from what is stored, so a change is always saved before its event goes out and
 * nothing is lost on restart.
 *
 * <p>The delivered-marker lives in the stream's status: each tag's {@link TagHistory#deliveredTo()} holds the ids of
 * the listeners that received the event for the tag's current digest, and is emptied when {@code items[0]} gets a new
 * digest. A delivery run ({@link #deliverPending(StreamName)} after a save, {@link #deliverAllPending()} at start-up)
 * offers each tag's current image to every listener not yet marked, then saves the run's marks in one save of the
 * stream (a run over a thousand changed tags costs one save, not a thousand). So each listener gets each
 * (stream, tag, digest) once; a listener added later gets every tag's current image once (as OpenShift's trigger
 * controller re-asserts on new objects). If the tag moved on before a delivery run (A→B→C quickly), listeners get the
 * newest change only, with {@code oldDigest} = {@code items[1]}. A crash between a listener's success and the saved
 * marks delivers the run's events once more after restart: listeners that must never act twice also check the digest they
 * last acted on. Runs are serialized within this dispatcher.
 */
public final class EventDispatcher {
    private final StreamStore store;
    private final StreamUpdater updater;
    private final BiConsumer<String, Exception> problems;
    private final List<ImageChangeListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param problems told about failed listeners and unreadable streams (message, cause); delivery goes on
     */
    public EventDispatcher(StreamStore store, BiConsumer<String, Exception> problems) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /**
     * Adds a listener; it receives pending events from the next delivery run on.
     *
     * @throws IllegalArgumentException if its id is blank or already taken
     */
    public void addListener(ImageChangeListener listener) {
        String id = listener.id();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an image change listener needs a stable, non-blank id");
        }
        if (listeners.stream().anyMatch(l -> l.id().equals(id))) {
            throw new IllegalArgumentException("an image change listener with id '" + id + "' is already added");
        }
        listeners.add(listener);
    }

    public void removeListener(ImageChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Delivers the pending events of every stored stream; streams that cannot be read are reported and skipped.
     *
     * @return how many events were delivered
     */
    public int deliverAllPending() {
        int delivered = 0;
        for (StreamName name : store.list()) {
            delivered += deliverPending(name);
        }
        return delivered;
    }

    /**
     * Delivers the pending events of one stream.
     *
     * @return how many events were delivered (one per listener and tag)
     */
    public synchronized int deliverPending(StreamName name) {
        Optional<Versioned<ImageStream>> stored;
        try {
            stored = store.load(name);
        } catch (StoreException e) {
            problems.accept("cannot deliver image change events of stream " + name + ": " + e.getMessage(), e);
            return 0;
        }
        if (stored.isEmpty()) {
            return 0;
        }
        int delivered = 0;
        List<Mark> marks = new ArrayList<>();
        for (TagHistory history : stored.get().value().status().tags()) {
            Optional<TagEvent> head = history.current();
            if (head.isEmpty()) {
                continue;
            }
            ImageChanged event = new ImageChanged(
                    name,
                    history.tag(),
                    history.items().size() > 1
                            ? Optional.of(history.items().get(1).image())
                            : Optional.empty(),
                    head.get().image(),
                    head.get().dockerImageReference(),
                    head.get().generation());
            List<String> received = new ArrayList<>();
            for (ImageChangeListener listener : listeners) {
                if (!history.deliveredTo().contains(listener.id()) && deliver(listener, event)) {
                    delivered++;
                    received.add(listener.id());
                }
            }
            if (!received.isEmpty()) {
                marks.add(new Mark(event, received));
            }
        }
        markDelivered(name, marks);
        return delivered;
    }

    /** The listeners that received {@code event}. */
    private record Mark(ImageChanged event, List<String> listenerIds) {}

    private boolean deliver(ImageChangeListener listener, ImageChanged event) {
        try {
            listener.imageChanged(event);
            return true;
        } catch (Exception e) {
            problems.accept(
                    "listener '" + listener.id() + "' failed on " + event.streamTag() + " -> " + event.newDigest()
                            + "; it is offered the event again on the next delivery run: " + e.getMessage(),
                    e);
            return false;
        }
    }

    /**
     * Saves every mark of one delivery run in one save of the stream, each only while its tag still points at the
     * event's digest: a run over a thousand changed tags costs one save, not one per tag and listener.
     */
    private void markDelivered(StreamName name, List<Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        try {
            updater.update(name, stream -> {
                ImageStream next = stream;
                for (Mark mark : marks) {
                    ImageChanged event = mark.event();
                    boolean stillThere = next.currentImage(event.tag())
                            .filter(head -> head.image().equals(event.newDigest()))
                            .isPresent();
                    if (stillThere) {
                        for (String listenerId : mark.listenerIds()) {
                            next = next.withDelivered(event.tag(), listenerId);
                        }
                    }
                }
                return next;
            });
        } catch (StoreException e) {
            problems.accept(
                    "listeners received " + marks.size() + " change(s) of " + name
                            + " but the marks could not be saved; they may receive them again: " + e.getMessage(),
                    e);
        }
    }
}
