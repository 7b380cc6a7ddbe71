package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.RecordedRequest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One registry of the soak test: the real registry, the fault proxy the importer talks to, and the seeded fault rules
 * on manifest requests. Pushes go to the registry directly (no faults) and never overlap a stop or restart.
 */
final class SoakRegistry implements AutoCloseable {
    static final String MANIFESTS = "/v2/.+/manifests/.+";

    final String label;
    final RegistryFixture registry;
    final FaultProxy proxy;
    private final Map<String, FaultRule> rules = new LinkedHashMap<>();
    private final ReadWriteLock running = new ReentrantReadWriteLock();
    private volatile boolean down;
    private volatile int restarts;

    SoakRegistry(String label) {
        this.label = label;
        this.registry = RegistryFixture.plain().start();
        this.proxy = FaultProxy.inFrontOf(registry).start();
    }

    /**
     * Injects faults into about {@code share} of manifest requests, spread over 5xx, 429 with Retry-After, resets,
     * stalls longer than {@code stall} and truncated bodies; the same seed gives the same choices.
     */
    synchronized void injectFaults(double share, long seed, Duration stall) {
        add("503", share * 0.25, seed, Fault.status(503));
        add("500", share * 0.10, seed + 1, Fault.status(500));
        add("429", share * 0.20, seed + 2, Fault.tooManyRequests(1));
        add("reset", share * 0.20, seed + 3, Fault.reset());
        add("stall", share * 0.10, seed + 4, Fault.stall(stall));
        add("truncate", share * 0.15, seed + 5, Fault.truncate());
    }

    private void add(String name, double share, long seed, Fault fault) {
        rules.put(
                name, proxy.add(FaultRule.on("*", MANIFESTS).share(share, seed).inject(fault)));
    }

    /** Faults injected so far, by kind. */
    synchronized Map<String, Integer> faultsInjected() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rules.forEach((name, rule) -> counts.put(name, rule.applied()));
        return counts;
    }

    void clearFaults() {
        proxy.clearRules();
    }

    /** The image reference the importer uses: through the proxy. */
    ImageReference viaProxy(String repositoryAndTag) {
        return ImageReference.parse(proxy.host() + "/" + repositoryAndTag);
    }

    /** Pushes a new image to {@code repositoryAndTag} unless the registry is stopped; empty if it is. */
    Optional<Digest> push(ImagePusher pusher, String repositoryAndTag) throws RegistryException {
        running.readLock().lock();
        try {
            return down
                    ? Optional.empty()
                    : Optional.of(pusher.push(ImageReference.parse(registry.reference(repositoryAndTag))));
        } finally {
            running.readLock().unlock();
        }
    }

    /** Stops the registry once no push is under way. */
    void stop() {
        running.writeLock().lock();
        try {
            down = true;
            registry.stop();
        } finally {
            running.writeLock().unlock();
        }
    }

    void restart() {
        running.writeLock().lock();
        try {
            registry.restart();
            down = false;
            restarts++;
        } finally {
            running.writeLock().unlock();
        }
    }

    int restarts() {
        return restarts;
    }

    /** Requests the importer sent through the proxy, by path. */
    Map<String, Long> requestsByPath() {
        return proxy.requests().stream().collect(Collectors.groupingBy(RecordedRequest::path, Collectors.counting()));
    }

    static <T> Map<String, T> byLabel(List<SoakRegistry> registries, Function<SoakRegistry, T> value) {
        Map<String, T> map = new LinkedHashMap<>();
        registries.forEach(r -> map.put(r.label, value.apply(r)));
        return map;
    }

    @Override
    public void close() {
        proxy.close();
        registry.close();
    }
}
