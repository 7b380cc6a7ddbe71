package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a registry host is one that stored tags import from insecurely ({@code importPolicy.insecure}); the store is
 * read on the first test and the answer kept, since a client is made for one run of operations.
 */
final class InsecureRegistries implements Predicate<String> {
    private final StreamStore store;
    private Set<String> hosts;

    InsecureRegistries(StreamStore store) {
        this.store = store;
    }

    @Override
    public synchronized boolean test(String host) {
        if (hosts == null) {
            hosts = read();
        }
        return hosts.contains(host);
    }

    private Set<String> read() {
        Set<String> found = new HashSet<>();
        for (StreamName name : store.list()) {
            try {
                store.load(name).ifPresent(v -> {
                    for (TagSpec tag : v.value().spec().tags()) {
                        if (tag.importPolicy().insecure()) {
                            tag.dockerImage().ifPresent(r -> found.add(r.registry()));
                        }
                    }
                });
            } catch (RuntimeException unreadable) {
                // a stream that cannot be read marks no registry insecure
            }
        }
        return found;
    }
}
