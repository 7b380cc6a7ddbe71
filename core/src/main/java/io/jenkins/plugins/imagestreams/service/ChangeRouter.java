package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.events.Instance;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.watch.Watcher;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * What follows a saved change of a stream: through the running watcher when there is one (it re-syncs the schedule,
 * brings aliases along and delivers the stream's events to every listener), else aliases across streams follow here
 * and the follower's own events are delivered; other listeners get theirs when a watcher next runs.
 */
final class ChangeRouter {
    private final StreamStore store;
    private final Clock clock;
    private final BiConsumer<String, Exception> problems;
    /** Made at the first change routed here without a watcher: commands that save nothing never need it. */
    private Local local;

    private volatile Watcher watcher;

    /** The dispatcher and alias follower of changes routed here without a watcher. */
    private record Local(EventDispatcher dispatcher, AliasFollower aliases) {}

    ChangeRouter(StreamStore store, Clock clock, BiConsumer<String, Exception> problems) {
        this.store = store;
        this.clock = clock;
        this.problems = problems;
    }

    /** After {@code stream} was saved. */
    void changed(StreamName stream) {
        Watcher running = watcher;
        if (running != null) {
            running.streamChanged(stream);
        } else {
            Local here = local();
            here.aliases().follow(stream);
            here.dispatcher().deliverPending(stream);
        }
    }

    /**
     * The local dispatcher, made on first use: it asks who this process is (process information, host name), which
     * a one-shot command that changes nothing would pay for at every start.
     */
    private synchronized Local local() {
        if (local == null) {
            EventDispatcher dispatcher = new EventDispatcher(store, problems, clock, Instance.current());
            AliasFollower aliases = new AliasFollower(store, clock, dispatcher::deliverPending);
            dispatcher.addListener(aliases);
            local = new Local(dispatcher, aliases);
        }
        return local;
    }

    /** From now on changes go through {@code next}. */
    synchronized void route(Watcher next) {
        watcher = next;
    }

    /** Stops routing through {@code running} if it is still the current one. */
    synchronized void unroute(Watcher running) {
        if (watcher == running) {
            watcher = null;
        }
    }

    Watcher current() {
        return watcher;
    }
}
