package io.jenkins.plugins.imagestreams.jenkins.steps;

import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.deploy.RolloutWait;
import io.jenkins.plugins.imagestreams.deploy.WorkloadResult;
import io.jenkins.plugins.imagestreams.deploy.WorkloadTarget;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.promote.CopyResult;
import io.jenkins.plugins.imagestreams.promote.ImageCopier;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a {@link PromotionRequest} with core's parts in order: gate, copy, tag, deploy, and returns the promotion
 * record as a plain map. The sequence is core's {@code Promoter}'s once that exists; this class then shrinks to a call.
 */
final class PromotionRunner {
    private final ImageStreamsRuntime.Services services;
    private final PrintStream log;

    PromotionRunner(ImageStreamsRuntime.Services services, PrintStream log) {
        this.services = services;
        this.log = log;
    }

    Map<String, Object> run(PromotionRequest request) throws Exception {
        ImageStream source = StepSupport.load(services, request.source().stream());
        TagEvent image = source.currentImage(request.source().tag())
                .orElseThrow(() -> new AbortException(Messages.Steps_NoImage(request.source())));
        if (request.requireFrom().isPresent()) {
            var gate = request.requireFrom().get();
            boolean passed = StepSupport.load(services, gate.stream()).history(gate.tag()).items().stream()
                    .anyMatch(e -> e.image().equals(image.image()));
            if (!passed) {
                throw new AbortException(Messages.ImageStreamPromoteStep_GateRefused(
                        image.image().shortForm(), gate));
            }
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("source", request.source().toString());
        record.put("target", request.target().toString());
        record.put("digest", image.image().toString());
        record.put("dryRun", request.dryRun());
        String reference = image.dockerImageReference();
        if (request.copyTo().isPresent()) {
            ImageReference copy =
                    request.copyTo().get().withTag(request.target().tag());
            record.put("copiedTo", copy.toString());
            if (!request.dryRun()) {
                CopyResult copied = copy(ImageReference.parse(reference), copy);
                log.println(
                        Messages.ImageStreamPromoteStep_Copied(copy, copied.blobsUploaded(), copied.blobsMounted()));
            }
            reference = copy.withDigest(image.image()).toString();
        }
        record.put("reference", reference);
        if (request.dryRun()) {
            log.println(Messages.ImageStreamPromoteStep_DryRun(
                    request.source(), request.target(), image.image().shortForm()));
            record.put("workloads", List.of());
            record.put("outcome", "DRY_RUN");
            return record;
        }
        services.tagger.tag(
                request.source(), request.target().stream(), request.target().tag(), request.cause());
        services.changed(request.target().stream());
        log.println(Messages.ImageStreamPromoteStep_Tagged(
                request.target(), image.image().shortForm()));
        List<Map<String, Object>> workloads = deploy(request, ImageReference.parse(reference));
        record.put("workloads", workloads);
        boolean allGood = workloads.stream().allMatch(w -> Boolean.TRUE.equals(w.get("success")));
        record.put("outcome", allGood ? "PROMOTED" : "WORKLOADS_FAILED");
        return record;
    }

    private CopyResult copy(ImageReference from, ImageReference to) throws Exception {
        ExecutorService blobs = Executors.newFixedThreadPool(4);
        try {
            return new ImageCopier(services.client, blobs, 4).copy(from, to);
        } finally {
            blobs.shutdownNow();
        }
    }

    private List<Map<String, Object>> deploy(PromotionRequest request, ImageReference image) throws Exception {
        List<Map<String, Object>> results = new ArrayList<>();
        if (request.deploy().isEmpty() || request.kubernetes().isEmpty()) {
            return results;
        }
        try (KubernetesClient client = request.kubernetes().get().connect()) {
            WorkloadUpdater updater = new WorkloadUpdater(client);
            for (WorkloadTarget target : request.deploy()) {
                List<WorkloadResult> outcome = request.rolloutTimeout().isPresent()
                        ? updater.update(
                                target,
                                image,
                                RolloutWait.of(request.rolloutTimeout().get()))
                        : updater.update(target, image);
                for (WorkloadResult r : outcome) {
                    log.println(Messages.ImageStreamPromoteStep_Workload(r.summary()));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("kind", r.kind().displayName());
                    row.put("namespace", r.namespace());
                    row.put("name", r.name());
                    row.put("outcome", r.outcome().name());
                    row.put("message", r.message());
                    row.put("success", r.isSuccess());
                    results.add(row);
                }
            }
        }
        return results;
    }
}
