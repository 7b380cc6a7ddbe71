package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.store.ConflictException;
import io.jenkins.plugins.imagestreams.store.StoreException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.DeliveryClaim;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Delivers {@link ImageChanged} events from what is stored, so a change is always saved before its event goes out and
 * nothing is lost on restart.
 *
 * <p>The delivered-marker lives in the stream's status: each tag's {@link TagHistory#deliveredTo()} holds the ids of
 * the listeners that received the event for the tag's current digest, and is emptied when {@code items[0]} gets a new
 * digest. A delivery run ({@link #deliverPending(StreamName)} after a save, {@link #deliverAllPending()} at start-up)
 * offers each tag's current image to every listener not yet marked that {@linkplain ImageChangeListener#wants wants}
 * it, then saves the run's marks in one save of the stream (a run over a thousand changed tags costs one save, not a
 * thousand; a run no listener wants anything of, none). So each listener gets each (stream, tag, digest) it wants once;
 * a listener added later gets every tag's current image once (as OpenShift's trigger controller re-asserts on new
 * objects). If the tag moved on before a delivery run (A→B→C quickly), listeners get the
 * newest change only, with {@code oldDigest} = {@code items[1]}. A crash between a listener's success and the saved
 * marks delivers the run's events once more after restart: listeners that must never act twice also check the digest they
 * last acted on. Runs are serialized within this dispatcher.
 *
 * <p>Instances sharing a store (several watchers on one Kubernetes store) deliver each event once per listener: a run
 * first saves a {@link DeliveryClaim} on each pending event, by compare-and-set, and delivers only the events it
 * claimed; the others skip an event while its claim is live. A claim lasts the listener's {@link
 * ImageChangeListener#deliveryTimeout()} plus {@link #CLAIM_MARGIN}, renewed before a delivery that could outlast it,
 * so an instance that dies mid-run holds its events at most that long (a claim of a process of the same host that has
 * ended is void at once); a failed delivery lapses its claim at once.
 *
 * <p>Delivery is at least once: an instance killed after its listener acted and before it saved the mark leaves a
 * claim that lapses, and the event is delivered again. Such a delivery, and one after a failure, carries the next
 * {@link ImageChanged#attempt()} and the same {@link ImageChanged#deliveryId()}, so a listener whose action must happen
 * once can tell (the command's {@code IMAGE_DELIVERY_ID}, the build trigger's look for a build of the same change).
 */
public final class EventDispatcher {
    /** Added to a listener's time limit for how long a claim holds: room for the saves around the delivery. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(10);
    /** How long before its claims lapse a run stops trying to save its marks: room for the last save. */
    private static final Duration SAVE_MARGIN = Duration.ofSeconds(2);
    /** How many runs of {@link StreamUpdater#MAX_ATTEMPTS} races a claim or mark save may lose before it gives up. */
    private static final int PERSIST_ROUNDS = 50;

    private final StreamStore store;
    private final StreamUpdater updater;
    private final BiConsumer<String, Exception> problems;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final Instance self;
    private final String holder;
    private final List<ImageChangeListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param problems told about failed listeners and unreadable streams (message, cause); delivery goes on
     */
    public EventDispatcher(StreamStore store, BiConsumer<String, Exception> problems) {
        this(store, problems, Clock.systemUTC(), Instance.current());
    }

    /**
     * @param clock dates delivery claims
     * @param self the instance claims are saved for
     */
    public EventDispatcher(StreamStore store, BiConsumer<String, Exception> problems, Clock clock, Instance self) {
        this(store, problems, clock, self, DeliveryObserver.NONE);
    }

    /**
     * @param observer told of each delivery and, after a run that left events to another instance's live claims,
     *     when the first of those claims lapses: a run then delivers what that instance did not (it died)
     */
    public EventDispatcher(
            StreamStore store,
            BiConsumer<String, Exception> problems,
            Clock clock,
            Instance self,
            DeliveryObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.problems = Objects.requireNonNull(problems, "problems");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.self = Objects.requireNonNull(self, "self");
        this.holder = self.id();
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
     * Delivers the pending events of one stream: claims them (one save), delivers them, then saves the marks of those
     * delivered and lapses the claims of those that failed (one save).
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
        List<Delivery> pending = pending(stored.get().value(), clock.instant());
        if (pending.isEmpty()) {
            heldElsewhere(stored.get().value());
            return 0;
        }
        Instant claimedUntil = clock.instant().plus(claimFor(pending));
        Deque<Delivery> mine;
        try {
            Optional<Versioned<ImageStream>> claimed =
                    persisted(name, s -> claim(s, pending, claimedUntil), claimedUntil);
            claimed.ifPresent(v -> heldElsewhere(v.value()));
            mine = new ArrayDeque<>(held(claimed, pending, claimedUntil));
        } catch (StoreException e) {
            problems.accept(
                    "cannot claim " + pending.size() + " change event(s) of " + name
                            + " for delivery; they are offered again on the next delivery run: " + e.getMessage(),
                    e);
            return 0;
        }
        Instant until = claimedUntil;
        int count = 0;
        List<Delivery> delivered = new ArrayList<>();
        List<Delivery> failed = new ArrayList<>();
        while (!mine.isEmpty()) {
            if (clock.instant().plus(mine.peek().listener().deliveryTimeout()).isAfter(until)) {
                List<Delivery> rest = List.copyOf(mine);
                Instant renewed = clock.instant().plus(claimFor(rest));
                mine.clear();
                mine.addAll(settleAndRenew(name, delivered, failed, rest, until, renewed));
                count += delivered.size();
                delivered.clear();
                failed.clear();
                until = renewed;
                continue;
            }
            Delivery delivery = mine.poll();
            if (deliver(delivery.listener(), delivery.event())) {
                delivered.add(delivery);
                observer.delivered(delivery.listenerId(), Duration.between(delivery.recorded(), clock.instant()));
            } else {
                failed.add(delivery);
            }
        }
        settleAndRenew(name, delivered, failed, List.of(), until, until);
        return count + delivered.size();
    }

    /** One event for one listener. */
    private record Delivery(ImageChanged event, Instant recorded, ImageChangeListener listener) {
        Delivery asAttempt(int attempt) {
            return attempt == event.attempt() ? this : new Delivery(event.asAttempt(attempt), recorded, listener);
        }

        String tag() {
            return event.tag();
        }

        String listenerId() {
            return listener.id();
        }
    }

    /** The events of {@code stream} some listener has not received and no other live instance is delivering. */
    private List<Delivery> pending(ImageStream stream, Instant now) {
        List<Delivery> pending = new ArrayList<>();
        for (TagHistory history : stream.status().tags()) {
            Optional<TagEvent> head = history.current();
            if (head.isEmpty()) {
                continue;
            }
            ImageChanged event = null;
            for (ImageChangeListener listener : listeners) {
                if (open(history, listener.id(), now) && listener.wants(stream, history.tag())) {
                    if (event == null) {
                        event = event(stream.name(), history, head.get());
                    }
                    pending.add(new Delivery(event, head.get().created(), listener));
                }
            }
        }
        return pending;
    }

    private static ImageChanged event(StreamName name, TagHistory history, TagEvent head) {
        return new ImageChanged(
                name,
                history.tag(),
                history.items().size() > 1 ? Optional.of(history.items().get(1).image()) : Optional.empty(),
                head.image(),
                head.dockerImageReference(),
                head.generation());
    }

    /** Not delivered to {@code listenerId}, and not claimed by another instance that may still be delivering it. */
    private boolean open(TagHistory history, String listenerId, Instant now) {
        if (history.deliveredTo().contains(listenerId)) {
            return false;
        }
        return history.claim(listenerId)
                .filter(c -> c.liveAt(now) && !c.holder().equals(holder) && !self.outlived(c.holder()))
                .isEmpty();
    }

    /** Tells the observer when the first live claim of another instance on {@code stream} lapses. */
    private void heldElsewhere(ImageStream stream) {
        Instant now = clock.instant();
        Optional<Instant> first = Optional.empty();
        for (TagHistory history : stream.status().tags()) {
            for (ImageChangeListener listener : listeners) {
                Optional<Instant> lapse = history.claim(listener.id())
                        .filter(c -> !history.deliveredTo().contains(listener.id()))
                        .filter(c -> !open(history, listener.id(), now))
                        .map(DeliveryClaim::until);
                if (lapse.isPresent() && (first.isEmpty() || lapse.get().isBefore(first.get()))) {
                    first = lapse;
                }
            }
        }
        first.ifPresent(until -> observer.claimedElsewhere(stream.name(), until));
    }

    /** {@code stream} with a claim until {@code until} on each of {@code wanted} still open for the same digest. */
    private ImageStream claim(ImageStream stream, List<Delivery> wanted, Instant until) {
        Instant now = clock.instant();
        ImageStream next = stream;
        for (Delivery delivery : wanted) {
            TagHistory history = next.status().history(delivery.tag());
            boolean sameImage = history.current()
                    .filter(head -> head.image().equals(delivery.event().newDigest()))
                    .isPresent();
            if (sameImage && open(history, delivery.listenerId(), now)) {
                DeliveryClaim claim = history.claim(delivery.listenerId())
                        .map(earlier -> earlier.retriedBy(holder, until))
                        .orElseGet(() -> new DeliveryClaim(delivery.listenerId(), holder, until));
                next = next.withClaim(delivery.tag(), claim);
            }
        }
        return next;
    }

    /**
     * Those of {@code wanted} whose claim until {@code until} is this instance's in {@code saved}, each as the attempt
     * its claim counts.
     */
    private List<Delivery> held(Optional<Versioned<ImageStream>> saved, List<Delivery> wanted, Instant until) {
        if (saved.isEmpty()) {
            return List.of();
        }
        List<Delivery> held = new ArrayList<>();
        for (Delivery delivery : wanted) {
            TagHistory history = saved.get().value().status().history(delivery.tag());
            boolean sameImage = history.current()
                    .filter(head -> head.image().equals(delivery.event().newDigest()))
                    .isPresent();
            Optional<DeliveryClaim> mine = history.claim(delivery.listenerId()).filter(c -> c.isHold(holder, until));
            if (sameImage && mine.isPresent()) {
                held.add(delivery.asAttempt(mine.get().attempt()));
            }
        }
        return held;
    }

    /** {@code stream} with the marks, lapses and renewals {@link #settleAndRenew} saves. */
    private ImageStream settled(
            ImageStream stream,
            List<Delivery> delivered,
            List<Delivery> failed,
            List<Delivery> rest,
            Instant until,
            Instant renewed) {
        ImageStream next = stream;
        for (Delivery delivery : delivered) {
            boolean stillThere = next.currentImage(delivery.tag())
                    .filter(head -> head.image().equals(delivery.event().newDigest()))
                    .isPresent();
            if (stillThere) {
                next = next.withDelivered(delivery.tag(), delivery.listenerId());
            }
        }
        Instant now = clock.instant();
        for (Delivery delivery : failed) {
            next = rehold(next, delivery, until, now);
        }
        for (Delivery delivery : rest) {
            next = rehold(next, delivery, until, renewed);
        }
        return next;
    }

    /**
     * {@code stream} with this instance's claim on {@code delivery}, saved until {@code until}, lasting until {@code
     * next} instead (now: lapsed, so that any instance may deliver it again, as the next attempt).
     */
    private ImageStream rehold(ImageStream stream, Delivery delivery, Instant until, Instant next) {
        Optional<DeliveryClaim> mine = stream.status()
                .history(delivery.tag())
                .claim(delivery.listenerId())
                .filter(c -> c.isHold(holder, until));
        return mine.isPresent() ? stream.withClaim(delivery.tag(), mine.get().heldBy(holder, next)) : stream;
    }

    /**
     * Saves {@code change} like {@link StreamUpdater#update}, and after a run of lost races keeps trying until
     * {@code until} is {@link #SAVE_MARGIN} away: while this instance's claims hold, nobody else delivers these
     * events, so a mark that takes many attempts to save is still worth saving (one given up on means a second
     * delivery once the claim lapses). Instances sharing a busy stream lose races often.
     */
    private Optional<Versioned<ImageStream>> persisted(
            StreamName name, UnaryOperator<ImageStream> change, Instant until) {
        Instant giveUp = until.minus(SAVE_MARGIN);
        for (int round = 1; ; round++) {
            try {
                return updater.update(name, change);
            } catch (ConflictException e) {
                if (round >= PERSIST_ROUNDS || !clock.instant().isBefore(giveUp)) {
                    throw e;
                }
            }
        }
    }

    /** How long claims on {@code deliveries} are held: the longest listener's time limit, plus a margin. */
    private static Duration claimFor(List<Delivery> deliveries) {
        Duration longest = deliveries.stream()
                .map(d -> d.listener().deliveryTimeout())
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
        return longest.plus(CLAIM_MARGIN);
    }

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
     * In one save of the stream: marks {@code delivered} (each only while its tag still points at the event's digest),
     * lapses the claims of {@code failed}, and extends this instance's claims on {@code rest} from {@code until} to
     * {@code renewed}. A run over a thousand changed tags costs two saves (claims, marks), not one per tag and listener.
     *
     * @return those of {@code rest} still claimed by this instance
     */
    private List<Delivery> settleAndRenew(
            StreamName name,
            List<Delivery> delivered,
            List<Delivery> failed,
            List<Delivery> rest,
            Instant until,
            Instant renewed) {
        if (delivered.isEmpty() && failed.isEmpty() && rest.isEmpty()) {
            return List.of();
        }
        try {
            Optional<Versioned<ImageStream>> saved =
                    persisted(name, stream -> settled(stream, delivered, failed, rest, until, renewed), until);
            return held(saved, rest, renewed);
        } catch (StoreException e) {
            problems.accept(
                    "listeners received " + delivered.size() + " change(s) of " + name
                            + " but the marks could not be saved; they may receive them again once the claims lapse"
                            + (rest.isEmpty() ? "" : ", and " + rest.size() + " more are offered on the next run")
                            + ": " + e.getMessage(),
                    e);
            return List.of();
        }
    }
}
