package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * A store that counts the loads of each stream (for tests of what a change reads) and tells a hook the expected
 * version before each save (for tests of what another writer does meanwhile).
 */
public final class ObservedStore implements StreamStore {
    private final StreamStore delegate;
    private final LongConsumer beforeSave;
    private final Map<StreamName, Integer> loads = new ConcurrentHashMap<>();

    public ObservedStore(StreamStore delegate) {
        this(delegate, version -> {});
    }

    public ObservedStore(StreamStore delegate, LongConsumer beforeSave) {
        this.delegate = delegate;
        this.beforeSave = beforeSave;
    }

    /** How often each stream was loaded since the last {@link #forget()}. */
    public Map<StreamName, Integer> loads() {
        return Map.copyOf(loads);
    }

    public void forget() {
        loads.clear();
    }

    @Override
    public Optional<Versioned<ImageStream>> load(StreamName name) {
        loads.merge(name, 1, Integer::sum);
        return delegate.load(name);
    }

    @Override
    public List<StreamName> list() {
        return delegate.list();
    }

    @Override
    public long save(ImageStream stream, long expectedVersion) {
        beforeSave.accept(expectedVersion);
        return delegate.save(stream, expectedVersion);
    }

    @Override
    public void delete(StreamName name, long expectedVersion) {
        delegate.delete(name, expectedVersion);
    }
}
