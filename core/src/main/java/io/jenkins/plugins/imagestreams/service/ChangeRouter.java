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
    private final EventDispatcher dispatcher;
    private final AliasFollower aliases;
    private volatile Watcher watcher;

    ChangeRouter(StreamStore store, Clock clock, BiConsumer<String, Exception> problems) {
        this.dispatcher = new EventDispatcher(store, problems, clock, Instance.current());
        this.aliases = new AliasFollower(store, clock, dispatcher::deliverPending);
        dispatcher.addListener(aliases);
    }

    /** After {@code stream} was saved. */
    void changed(StreamName stream) {
        Watcher running = watcher;
        if (running != null) {
            running.streamChanged(stream);
        } else {
            aliases.follow(stream);
            dispatcher.deliverPending(stream);
        }
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
