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
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * A service over a fresh store and one real registry, with a repository prefix of its own per test; a rule that
 * makes the service before each test and closes it after.
 */
final class ServiceFixture extends ExternalResource {
    private static final AtomicInteger TEST = new AtomicInteger();
    static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    final RegistryFixture registry;
    final String prefix = "svc" + TEST.incrementAndGet();
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final TemporaryFolder tmp = new TemporaryFolder();
    Path storeRoot;
    ImageStreamService service;

    ServiceFixture(RegistryFixture registry) {
        this.registry = registry;
    }

    @Override
    protected void before() throws IOException {
        tmp.create();
        storeRoot = tmp.newFolder("store").toPath();
        service = ImageStreamService.builder()
                .fileStore(storeRoot)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .executor(executor)
                .build();
    }

    @Override
    protected void after() {
        service.close();
        executor.shutdownNow();
        tmp.delete();
    }

    /** A new empty folder, deleted after the test. */
    Path newFolder() throws IOException {
        return tmp.newFolder().toPath();
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
}
