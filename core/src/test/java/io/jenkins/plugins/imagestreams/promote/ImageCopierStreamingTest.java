package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A copy across registries streams: the live heap never grows by one layer, let alone the image. The bound is a whole
 * layer rather than less, so that a busy machine's GC noise (HTTP buffers of three parallel transfers) cannot fail it.
 */
public class ImageCopierStreamingTest {
    private static final int LAYERS = 3;
    private static final long LAYER_BYTES = 8L << 20;
    private static final long SAMPLE_PAUSE_NANOS = 5_000_000;

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture SOURCE = RegistryFixture.plain();

    @ClassRule
    public static final RegistryFixture TARGET = RegistryFixture.plain();

    private final ExecutorService executor = Executors.newFixedThreadPool(LAYERS);
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void bigImageIsCopiedAcrossRegistriesWithoutBufferingItsLayers() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "big", LAYERS, LAYER_BYTES);
        Skopeo.push(image, SOURCE, "src/big:1");
        ImageCopier copier = new ImageCopier(RegistryClient.builder().build(), executor, LAYERS);
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicInteger samples = new AtomicInteger();
        AtomicBoolean copying = new AtomicBoolean(true);
        AtomicLong streamed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (copying.get()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                samples.incrementAndGet();
                // a full collection back to back starves the copy on two cores; a layer takes far longer than this
                LockSupport.parkNanos(SAMPLE_PAUSE_NANOS);
            }
        });
        CopyListener listener = new CopyListener() {
            @Override
            public void bytesTransferred(long count) {
                streamed.addAndGet(count);
            }
        };

        sampler.start();
        CopyResult result;
        try {
            result = copier.copy(
                    ImageReference.parse(SOURCE.reference("src/big:1")),
                    ImageReference.parse(TARGET.reference("dst/big:1")),
                    CopyOptions.defaults().withListener(listener));
        } finally {
            copying.set(false);
            sampler.join();
        }

        assertThat(result.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(result.bytesUploaded()).isGreaterThan(LAYERS * LAYER_BYTES);
        assertThat(streamed.get()).isEqualTo(result.bytesUploaded());
        assertThat(samples.get()).as("heap samples taken during the copy").isGreaterThanOrEqualTo(3);
        assertThat(peak.get() - baseline)
                .as("live heap growth while copying %d bytes", result.bytesUploaded())
                .isLessThan(LAYER_BYTES); // holding any one layer whole would need at least this much
        assertThat(Skopeo.inspectDigest(TARGET, "dst/big:1")).isEqualTo(image.digest());
    }

    /** Heap in use right after a full collection: what is reachable, not garbage waiting for collection. */
    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
