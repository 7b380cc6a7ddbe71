package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A service over a fresh store and one real registry, with a repository prefix of its own per test. */
final class ServiceFixture implements AutoCloseable {
    private static final AtomicInteger TEST = new AtomicInteger();
    static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    final RegistryFixture registry;
    final Path storeRoot;
    final String prefix = "svc" + TEST.incrementAndGet();
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    final ImageStreamService service;

    ServiceFixture(RegistryFixture registry, Path storeRoot) {
        this(registry, storeRoot, ImageStreamService.builder());
    }

    ServiceFixture(RegistryFixture registry, Path storeRoot, ImageStreamService.Builder builder) {
        this.registry = registry;
        this.storeRoot = storeRoot;
        this.service = builder.fileStore(storeRoot)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .executor(executor)
                .build();
    }

    static TagSource.ImageStreamTag tag(String namespace, String stream, String tag) {
        return new TagSource.ImageStreamTag(StreamName.of(namespace, stream), tag);
    }

    /** {@code <registry>/<prefix>/<path>}. */
    ImageReference ref(String path) {
        return ImageReference.parse(registry.host() + "/" + prefix + "/" + path);
    }

    /** Pushes a new image with {@code content} to {@code <prefix>/<repoAndTag>}. */
    Digest push(Path work, String content, String repoAndTag) throws Exception {
        return Digest.parse(Skopeo.push(TestImages.image(work, content), registry, prefix + "/" + repoAndTag));
    }

    /** Every stored file with its bytes, to show that nothing was written. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(storeRoot)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(
                        storeRoot.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @Override
    public void close() {
        service.close();
        executor.shutdownNow();
    }
}
