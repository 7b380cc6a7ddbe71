package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import java.util.Objects;
import java.util.function.Supplier;

/** The registry client a factory makes on first use, closed with the service. */
final class LazyClient implements Supplier<RegistryClient> {
    private final Supplier<RegistryClient> factory;
    private RegistryClient client;

    LazyClient(Supplier<RegistryClient> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized RegistryClient get() {
        if (client == null) {
            client = Objects.requireNonNull(factory.get(), "the registry client factory returned null");
        }
        return client;
    }

    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
