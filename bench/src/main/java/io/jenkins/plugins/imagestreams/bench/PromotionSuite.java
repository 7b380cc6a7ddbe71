package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.promote.ImageCopier;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Promotion copies of a 5-layer image: within one registry (ImageCopier mounts, skopeo copies) and across two local
 * registries (both stream), each round into a fresh target repository, plus the heap our cross-registry copy needs.
 */
final class PromotionSuite implements Suite {
    private static final int LAYERS = 5;
    private static final double MIB = 1024.0 * 1024.0;
    private static final double HEAP_BUDGET_MIB = 64;

    @Override
    public String name() {
        return "promotion";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        long layerBytes = (quick ? 2 : 20) * 1024L * 1024L;
        int rounds = quick ? 2 : 5;
        ExecutorService blobs = Executors.newFixedThreadPool(4);
        try (RegistryFixture a = RegistryFixture.plain().start();
                RegistryFixture b = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            OciLayout image = TestImages.image(workDir.resolve("image"), "promotion bench", LAYERS, layerBytes);
            io.jenkins.plugins.imagestreams.testing.Skopeo.push(image, a, "src/app:1");
            ImageReference source = ImageReference.parse(a.reference("src/app:1"));
            ImageCopier copier = new ImageCopier(client, blobs, 4);
            int warmupWithin = quick ? 10 : 40;
            int warmupAcross = quick ? 2 : 8;
            for (int n = 0; n < warmupWithin; n++) {
                copier.copy(source, ImageReference.parse(a.reference("warmup-" + n + "/app:1")));
            }
            for (int n = 0; n < warmupAcross; n++) {
                copier.copy(source, ImageReference.parse(b.reference("warmup-" + n + "/app:1")));
            }
            String from = a.host() + "/src/app:1";
            Skopeo.copy(from, a.host() + "/warmup-skopeo/app:1"); // its blob-info cache learns where the blobs are
            List<Double> oursWithin = new ArrayList<>();
            List<Double> skopeoFresh = new ArrayList<>();
            List<Double> skopeoWarm = new ArrayList<>();
            List<Double> oursAcross = new ArrayList<>();
            List<Double> skopeoAcross = new ArrayList<>();
            long uploadedWithin = 0;
            for (int n = 0; n < rounds; n++) {
                int round = n;
                long[] uploaded = new long[1];
                oursWithin.add(Timing.seconds(() -> uploaded[0] = copier.copy(
                                source, ImageReference.parse(a.reference("dst-ours-" + round + "/app:1")))
                        .bytesUploaded()));
                uploadedWithin += uploaded[0];
                skopeoFresh.add(Timing.seconds(
                        () -> Skopeo.copyWithFreshCache(from, a.host() + "/dst-fresh-" + round + "/app:1")));
                skopeoWarm.add(Timing.seconds(() -> Skopeo.copy(from, a.host() + "/dst-warm-" + round + "/app:1")));
                // A fresh target registry each round: skopeo's blob-info cache would otherwise mount from the
                // previous round's repository on B, and ours would not, which measures caches rather than copies.
                try (RegistryFixture fresh = RegistryFixture.plain().start()) {
                    oursAcross.add(Timing.seconds(
                            () -> copier.copy(source, ImageReference.parse(fresh.reference("x-ours/app:1")))));
                    skopeoAcross.add(Timing.seconds(() -> Skopeo.copy(from, fresh.host() + "/x-skopeo/app:1")));
                }
            }
            double heapMib =
                    HeapPeak.during(() -> copier.copy(source, ImageReference.parse(b.reference("heap/app:1")))) / MIB;
            System.out.printf(
                    "bench: promotion: bytes uploaded within one registry: %d; heap peak above idle during a"
                            + " cross-registry copy: %.1f MiB (budget %.0f MiB, %s)%n",
                    uploadedWithin, heapMib, HEAP_BUDGET_MIB, heapMib < HEAP_BUDGET_MIB ? "met" : "NOT met");
            String setup = String.format(
                    "One %d MiB image of %d layers (%d MiB each) pushed once to local registry A (CNCF distribution,"
                            + " plain HTTP, loopback); %d rounds, each copy into a fresh target repository on A, or"
                            + " into a fresh second local registry B started for the round. Before the rounds the"
                            + " copier made %d copies within A and %d to B, so that it is measured compiled, as in a"
                            + " long-running controller. skopeo runs once with an empty blob-info cache (as on a CI"
                            + " agent that starts fresh: it moves every layer) and once with its cache knowing the"
                            + " source's blobs (then it mounts them too). Seconds per copy.",
                    LAYERS * layerBytes / (1024 * 1024),
                    LAYERS,
                    layerBytes / (1024 * 1024),
                    rounds,
                    warmupWithin,
                    warmupAcross);
            return new Comparison(
                    "promotion",
                    "Promotion copy time",
                    "s",
                    false,
                    setup,
                    List.of(
                            new Result(
                                    "ImageCopier within A",
                                    oursWithin,
                                    "blob mounts + manifest PUT; bytes uploaded over all rounds: " + uploadedWithin),
                            new Result(
                                    "skopeo copy within A, fresh cache",
                                    skopeoFresh,
                                    "skopeo copy docker://A/src docker://A/dst-N with an empty blob-info cache: every"
                                            + " layer read and written"),
                            new Result(
                                    "skopeo copy within A, warm cache",
                                    skopeoWarm,
                                    "the same with the cache knowing the source's blobs: skopeo mounts them"),
                            new Result(
                                    "ImageCopier A to B",
                                    oursAcross,
                                    String.format(
                                            "blobs streamed, 4 at once; heap peak above idle %.1f MiB (budget %.0f"
                                                    + " MiB), used heap after GC sampled in a thread",
                                            heapMib, HEAP_BUDGET_MIB)),
                            new Result(
                                    "skopeo copy A to B",
                                    skopeoAcross,
                                    "skopeo copy docker://A/src docker://B/x-N (a registry B it has never seen)")),
                    List.of(
                            new Target(
                                    "within one registry: at most 0.2× skopeo's time (zero layer bytes uploaded)",
                                    "ImageCopier within A",
                                    "skopeo copy within A, fresh cache",
                                    false,
                                    0.2),
                            new Target(
                                    "within one registry, skopeo mounting too: no slower than skopeo",
                                    "ImageCopier within A",
                                    "skopeo copy within A, warm cache",
                                    false,
                                    1.0),
                            new Target(
                                    "across registries: no slower than skopeo",
                                    "ImageCopier A to B",
                                    "skopeo copy A to B",
                                    false,
                                    1.0)));
        } finally {
            blobs.shutdownNow();
        }
    }
}
