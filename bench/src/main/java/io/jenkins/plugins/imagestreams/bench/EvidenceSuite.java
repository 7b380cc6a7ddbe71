package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.promote.RegistrySignatureCheck;
import io.jenkins.plugins.imagestreams.promote.SignatureCheck;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.service.PromotionRequest;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.AccessLog;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.TestAttachments;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A promotion that keeps its evidence: an image with three attachments (the signature, an attestation and an SBOM,
 * under cosign's tags) promoted within one registry through the service, the signature gate checked on the way, and
 * what verifying that signature costs by itself, in requests and in CPU.
 */
final class EvidenceSuite implements Suite {
    private static final int LAYERS = 5;
    private static final String PROMOTION = "promotion within A, 3 attachments, signature gate";
    private static final String COPY = "copy within A, 3 attachments";
    private static final String SKOPEO_FRESH = "skopeo copy within A, fresh cache";
    private static final String SKOPEO_ALL = "skopeo copy of the image and its 3 attachment tags, fresh cache";
    private static final String VERIFY_CPU = "signature verification, JVM CPU";
    private static final String GOAL_CPU = "goal: verification CPU 5 ms";
    private static final double GOAL_CPU_MS = 5;

    @Override
    public String name() {
        return "evidence";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        long layerBytes = (quick ? 2 : 20) * 1024L * 1024L;
        int rounds = quick ? 2 : 5;
        int warmup = quick ? 5 : 30;
        int verifications = quick ? 50 : 500;
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        try (RegistryFixture a = RegistryFixture.builder().accessLog().build().start();
                ImageStreamService service = ImageStreamService.builder()
                        .fileStore(workDir.resolve("store"))
                        .executor(executor)
                        .build();
                RegistryClient client = RegistryClient.builder().build()) {
            AccessLog log = new AccessLog(a);
            OciLayout image = TestImages.image(workDir.resolve("image"), "evidence bench", LAYERS, layerBytes);
            io.jenkins.plugins.imagestreams.testing.Skopeo.push(image, a, "src/app:1");
            Digest digest = Digest.parse(image.digest());
            ImageReference source = ImageReference.parse(a.reference("src/app:1"));
            OpenSsl openssl = new OpenSsl(Files.createDirectories(workDir.resolve("keys")));
            Path privateKey = openssl.ecKey("P-256");
            Path publicKey = openssl.publicKey(privateKey);
            service.signer(Files.readAllBytes(privateKey), new char[0]).sign(source, digest, Map.of());
            List<String> attachmentTags = new ArrayList<>(List.of(AttachmentTags.SIGNATURE.tagFor(digest)));
            for (AttachmentTags kind : List.of(AttachmentTags.ATTESTATION, AttachmentTags.SBOM)) {
                OciLayout attachment = TestAttachments.cosign(
                        workDir.resolve(kind.name()),
                        kind == AttachmentTags.SBOM ? TestAttachments.SPDX : TestAttachments.DSSE,
                        kind.name() + " of " + digest);
                io.jenkins.plugins.imagestreams.testing.Skopeo.push(attachment, a, "src/app:" + kind.tagFor(digest));
                attachmentTags.add(kind.tagFor(digest));
            }
            SignaturePolicy policy = SignaturePolicy.matchRepository(List.of(Files.readString(publicKey)));
            TagSource.ImageStreamTag dev = tag("dev", "latest");
            service.importTag(ImportRequest.of(dev).withFrom(source));

            for (int n = 0; n < warmup; n++) {
                promote(service, a, dev, policy, "warmup-" + n, true);
                service.copy(
                        source,
                        ImageReference.parse(a.reference("warmup-copy-" + n + "/app:1")),
                        CopyOptions.defaults());
            }
            List<Double> promotions = new ArrayList<>();
            List<Double> copies = new ArrayList<>();
            List<Double> skopeoFresh = new ArrayList<>();
            List<Double> skopeoAll = new ArrayList<>();
            long uploaded = 0;
            int carried = 0;
            int gatedGets = 0;
            int ungatedGets = 0;
            String from = a.host() + "/src/app";
            for (int n = 0; n < rounds; n++) {
                String round = String.valueOf(n);
                PromotionRecord[] record = new PromotionRecord[1];
                log.mark();
                promotions.add(Timing.seconds(() -> record[0] = promote(service, a, dev, policy, round, true)) * 1e3);
                gatedGets += log.count("GET", ".*");
                carried += record[0].evidence().attachments().size();
                log.mark();
                promote(service, a, dev, policy, "ungated-" + round, false);
                ungatedGets += log.count("GET", ".*");
                CopyResult[] copy = new CopyResult[1];
                copies.add(Timing.seconds(() -> copy[0] = service.copy(
                                source,
                                ImageReference.parse(a.reference("copy-" + round + "/app:1")),
                                CopyOptions.defaults()))
                        * 1e3);
                uploaded += copy[0].bytesUploaded();
                skopeoFresh.add(Timing.seconds(
                                () -> Skopeo.copyWithFreshCache(from + ":1", a.host() + "/skopeo-" + round + "/app:1"))
                        * 1e3);
                skopeoAll.add(Timing.seconds(() -> {
                            Skopeo.copyWithFreshCache(from + ":1", a.host() + "/skopeo-all-" + round + "/app:1");
                            for (String attachment : attachmentTags) {
                                Skopeo.copyWithFreshCache(
                                        from + ":" + attachment,
                                        a.host() + "/skopeo-all-" + round + "/app:" + attachment);
                            }
                        })
                        * 1e3);
            }
            log.mark();
            for (int n = 0; n < rounds; n++) {
                promote(service, a, dev, policy, "logged-" + n, true);
            }
            int blobWrites = log.blobWrites();

            SignatureCheck check = new RegistrySignatureCheck(client);
            for (int n = 0; n < verifications; n++) {
                requireVerified(check.verify(source, digest, policy));
            }
            log.mark();
            requireVerified(check.verify(source, digest, policy));
            int verificationGets = log.count("GET", ".*");
            int verificationRequests = log.count("HEAD", ".*") + verificationGets;
            List<Double> cpuMs = new ArrayList<>();
            int batch = verifications / 5;
            for (int r = 0; r < 5; r++) {
                long cpuBefore = processCpuNanos();
                for (int n = 0; n < batch; n++) {
                    requireVerified(check.verify(source, digest, policy));
                }
                cpuMs.add((processCpuNanos() - cpuBefore) / 1e6 / batch);
            }
            double addedGets = (gatedGets - ungatedGets) / (double) rounds;
            System.out.printf(
                    "bench: evidence: layer bytes uploaded by the copies: %d; blob writes in the registry's log during"
                            + " %d gated promotions: %d; attachments carried per promotion: %.1f; GETs per promotion"
                            + " with the gate %.1f, without %.1f; one verification alone: %d GETs, %d requests%n",
                    uploaded,
                    rounds,
                    blobWrites,
                    carried / (double) rounds,
                    gatedGets / (double) rounds,
                    ungatedGets / (double) rounds,
                    verificationGets,
                    verificationRequests);
            String setup = String.format(
                    "One %d MiB image of %d layers pushed to local registry A (CNCF distribution, plain HTTP,"
                            + " loopback), signed there by the service's signer (ECDSA P-256) and given an attestation"
                            + " and an SBOM under cosign's .att and .sbom tags: three attachments. %d rounds, each into"
                            + " a fresh target repository on A. The promotion goes through ImageStreamService.promote"
                            + " with copyTo and a requireSignature gate trusting the signing key, so it verifies the"
                            + " signature, copies the image and carries the three attachments (%.1f carried per"
                            + " promotion; layer bytes uploaded by the copies: %d; blob uploads in the registry's access"
                            + " log during %d more promotions: %d). skopeo copies with an empty blob-info cache, once"
                            + " the image alone (the goal's floor) and once the image and the three attachment tags,"
                            + " four processes. Before the rounds the service made %d promotions and copies, so that"
                            + " it is measured compiled, as in a long-running controller. Verification alone: %d"
                            + " checks of the signature with a warm client, JVM process CPU per check over 5 batches;"
                            + " one check costs %d GETs in the registry's log (the .sig manifest and its payload"
                            + " blob), and the gate adds %.1f GETs to a promotion that copies (%.1f with, %.1f"
                            + " without). Milliseconds.",
                    LAYERS * layerBytes / (1024 * 1024),
                    LAYERS,
                    rounds,
                    carried / (double) rounds,
                    uploaded,
                    rounds,
                    blobWrites,
                    warmup,
                    verifications,
                    verificationGets,
                    addedGets,
                    gatedGets / (double) rounds,
                    ungatedGets / (double) rounds);
            return new Comparison(
                    "evidence",
                    "Promotion with evidence",
                    "ms",
                    false,
                    setup,
                    List.of(
                            new Result(
                                    PROMOTION,
                                    promotions,
                                    "signature verified, blobs mounted, 3 attachments carried, history written"),
                            new Result(COPY, copies, "ImageStreamService.copy: blob mounts and manifest PUTs"),
                            new Result(SKOPEO_FRESH, skopeoFresh, "the image alone: every layer read and written"),
                            new Result(SKOPEO_ALL, skopeoAll, "four skopeo copy processes: the image and 3 tags"),
                            new Result(
                                    VERIFY_CPU,
                                    cpuMs,
                                    "RegistrySignatureCheck.verify: 2 GETs, payload and ECDSA check; CPU, not wall"),
                            new Result(GOAL_CPU, List.of(GOAL_CPU_MS), "stated goal, not measured")),
                    List.of(
                            new Target(
                                    "promotion with 3 attachments within one registry: at most 0.2× skopeo's time"
                                            + " (zero layer bytes uploaded)",
                                    PROMOTION,
                                    SKOPEO_FRESH,
                                    false,
                                    0.2),
                            new Target(
                                    "copy with 3 attachments: at most 0.2× skopeo copying the same four",
                                    COPY,
                                    SKOPEO_ALL,
                                    false,
                                    0.2),
                            new Target("verifying a signature: under 5 ms of CPU", VERIFY_CPU, GOAL_CPU, false, 1.0)));
        } finally {
            executor.shutdownNow();
        }
    }

    private static PromotionRecord promote(
            ImageStreamService service,
            RegistryFixture registry,
            TagSource.ImageStreamTag dev,
            SignaturePolicy policy,
            String round,
            boolean gated)
            throws Exception {
        PromotionOptions options = PromotionOptions.by("bench");
        if (gated) {
            options = options.withRequireSignature(policy);
        }
        PromotionRecord record = service.promote(PromotionRequest.of(dev, tag("prod-" + round, "latest"), options)
                .withCopyTo(registry.reference("prod-" + round + "/app")));
        if (!record.succeeded() || record.evidence().attachments().size() != 3) {
            throw new IllegalStateException("the bench promotion did not carry three attachments: " + record);
        }
        return record;
    }

    private static void requireVerified(SignatureCheck.Verdict verdict) {
        if (verdict.signature().isEmpty()) {
            throw new IllegalStateException("the bench signature did not verify: " + verdict);
        }
    }

    private static TagSource.ImageStreamTag tag(String namespace, String tag) {
        return new TagSource.ImageStreamTag(StreamName.of(namespace, "app"), tag);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
