package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Saves streams with workloads, promotion records and workload results in a {@link JsonFileStore} under the given
 * folder, reads them back with a second store, and returns the promoted stream's file. Public with a public
 * constructor so that {@link PureModelTest} can run it inside a {@link FencedClassLoader}.
 */
public final class ModelRoundTrip implements Function<Path, String> {
    public ModelRoundTrip() {}

    /** @throws IllegalStateException if a stream reads back different from what was saved */
    @Override
    public String apply(Path folder) {
        List<ImageStream> streams = List.of(StoreFixtures.everyField(), StoreFixtures.promoted(10));
        JsonFileStore store = new JsonFileStore(folder);
        streams.forEach(s -> store.save(s, StreamStore.NEW));
        JsonFileStore reopened = new JsonFileStore(folder);
        for (ImageStream saved : streams) {
            ImageStream read = reopened.load(saved.name()).orElseThrow().value();
            if (!read.equals(saved)) {
                throw new IllegalStateException(saved.name() + " read back as " + read + " instead of " + saved);
            }
        }
        try {
            return Files.readString(store.pathOf(StoreFixtures.PROD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
