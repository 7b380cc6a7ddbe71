package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * Run in a child JVM by {@link ImportCrashTest}: starts as a real process would on the store folder (delivers what is
 * pending, then schedules every stored tag) with a {@link JournalListener}, prints {@code ready}, and imports until it
 * is killed. Arguments: the store folder, the journal file.
 */
public final class ImportChild {
    static final SchedulerSettings SETTINGS =
            new SchedulerSettings(SchedulerSettings.MIN_INTERVAL, 0.1, Duration.ofSeconds(1), 6000, 100, 4);

    private ImportChild() {}

    public static void main(String[] args) throws Exception {
        StreamStore store = new JsonFileStore(Path.of(args[0]));
        EventDispatcher dispatcher =
                new EventDispatcher(store, (message, e) -> System.out.println("problem: " + message));
        dispatcher.addListener(new JournalListener(Path.of(args[1])));
        Importer importer =
                new Importer(RegistryClient.builder().build(), store, Clock.systemUTC(), dispatcher::deliverPending);
        ImportScheduler scheduler = new ImportScheduler(
                importer,
                SETTINGS,
                Clock.systemUTC(),
                Executors.newScheduledThreadPool(SETTINGS.maxConcurrent() + 1),
                new Random());
        System.out.println("delivered " + dispatcher.deliverAllPending() + " pending events");
        for (StreamName name : store.list()) {
            store.load(name).ifPresent(stream -> ScheduledTag.of(stream.value()).forEach(scheduler::schedule));
        }
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
