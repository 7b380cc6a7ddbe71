package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.store.Versioned;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What a command works on: the store under {@code --store}, with the config file applied on top ({@link
 * ConfigApplier}), and an event dispatcher whose only listener makes aliases in other streams follow their source.
 */
final class Workspace {
    private final Path storeDir;
    private final StreamStore store;
    private final Clock clock;
    private final EventDispatcher dispatcher;
    private final AliasFollower aliases;
    private final ConfiguredTags configured;

    private Workspace(Path storeDir, Clock clock, PrintWriter err, Path config, boolean explicitConfig) {
        if (Files.exists(storeDir) && !Files.isDirectory(storeDir)) {
            throw new UsageException("--store " + storeDir + " is a file; expected a folder for the image streams");
        }
        this.storeDir = storeDir;
        this.store = new JsonFileStore(storeDir);
        this.clock = clock;
        this.dispatcher = new EventDispatcher(store, (message, e) -> err.println("imagestreams: warning: " + message));
        this.aliases = new AliasFollower(store, clock, dispatcher::deliverPending);
        dispatcher.addListener(aliases);
        if (explicitConfig || Files.exists(config)) {
            this.configured = new ConfigApplier(store, aliases).apply(config, StreamConfig.read(config));
        } else {
            this.configured = ConfiguredTags.none();
        }
    }

    /** Opens the store the global options name and applies the config file to it. */
    static Workspace open(ImageStreamsCommand root, PrintWriter err) {
        return new Workspace(root.storeDir(), Clock.systemUTC(), err, root.configFile(), root.explicitConfig());
    }

    StreamStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** Delivers pending events (aliases across streams follow) after a save; pass as the importer's callback. */
    void changed(StreamName stream) {
        dispatcher.deliverPending(stream);
    }

    /** Creates an empty stream {@code name} unless the store has it. */
    void createIfMissing(StreamName name) {
        new StreamUpdater(store).createIfMissing(name, ImageStreamSpec.empty());
    }

    /** Brings every alias tag of {@code name} to its source's current image. */
    void followAliases(StreamName name) {
        aliases.follow(name);
    }

    ConfiguredTags configured() {
        return configured;
    }

    /**
     * The stored stream.
     *
     * @throws CommandFailure naming the streams that exist when there is none of that name
     */
    ImageStream load(StreamName name) {
        return store.load(name).map(Versioned::value).orElseThrow(() -> {
            List<StreamName> known = store.list();
            return new CommandFailure("no image stream " + name + " in the store " + storeDir
                    + (known.isEmpty()
                            ? " (it holds none yet; create one with import-image or tag)"
                            : "; it holds "
                                    + known.stream().map(StreamName::toString).toList()));
        });
    }
}
