package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.rules.ExternalResource;

/** An {@link ImageCopier} for each test, over a pool of its own that is shut down after the test. */
final class CopierRule extends ExternalResource {
    private final RegistryClient client;
    private final int threads;
    private ExecutorService executor;
    private ImageCopier copier;

    /** A copier with {@code client}, moving {@code threads} blobs at once. */
    CopierRule(RegistryClient client, int threads) {
        this.client = client;
        this.threads = threads;
    }

    @Override
    protected void before() {
        executor = Executors.newFixedThreadPool(threads);
        copier = new ImageCopier(client, executor, threads);
    }

    @Override
    protected void after() {
        executor.shutdownNow();
    }

    CopyResult copy(ImageReference source, ImageReference target) throws RegistryException, InterruptedException {
        return copier.copy(source, target);
    }

    CopyResult copy(ImageReference source, ImageReference target, CopyOptions options)
            throws RegistryException, InterruptedException {
        return copier.copy(source, target, options);
    }
}
