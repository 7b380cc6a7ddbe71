package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real registry on loopback with its access log, a client for it, and images pushed by skopeo: what the signature
 * tests read and write. Start one per test class; each test uses repositories of its own.
 */
final class RegistryScene implements AutoCloseable {
    private static final Pattern GET = Pattern.compile("\"GET /v2/([^ \"]+)/(manifests|blobs)/[^ \"]* HTTP");

    final RegistryFixture registry = RegistryFixture.builder().accessLog().build();
    final RegistryClient client = RegistryClient.builder().build();
    final HandWrittenSignatures handWritten = new HandWrittenSignatures(client);
    private final Path dir;
    private final AtomicInteger images = new AtomicInteger();
    private int mark;

    RegistryScene(Path dir) {
        this.dir = dir;
        registry.start();
    }

    /** {@code repository} in this registry, such as {@code team/app}. */
    ImageReference repository(String repository) {
        return ImageReference.parse(registry.reference(repository));
    }

    /** Pushes a new image to {@code repository:tag}; returns its digest. */
    Digest pushImage(String repository, String tag) {
        int n = images.incrementAndGet();
        return Digest.parse(Skopeo.push(
                TestImages.image(dir.resolve("image-" + n), "image " + n), registry, repository + ":" + tag));
    }

    /** Ignores the requests logged so far. */
    void mark() {
        mark = registry.log().length();
    }

    /** {@code GET}s of {@code kind} ({@code manifests} or {@code blobs}) in {@code repository} since the mark. */
    int gets(String repository, String kind) {
        Matcher m = GET.matcher(registry.log().substring(mark));
        int count = 0;
        while (m.find()) {
            count += m.group(1).equals(repository) && m.group(2).equals(kind) ? 1 : 0;
        }
        return count;
    }

    @Override
    public void close() {
        client.close();
        registry.close();
    }
}
