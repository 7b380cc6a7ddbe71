package io.jenkins.plugins.imagestreams.jenkins.steps;

import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.deploy.KubernetesConnection;
import io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.promote.ImageCopier;
import io.jenkins.plugins.imagestreams.promote.Promoter;
import io.jenkins.plugins.imagestreams.promote.PromotionException;
import io.jenkins.plugins.imagestreams.promote.PromotionOptions;
import io.jenkins.plugins.imagestreams.promote.PromotionPlan;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Calls core's {@link Promoter} (or its dry run) and turns its plan or record into the step's plain map. */
final class PromotionRunner {
    private final ImageStreamsRuntime.Services services;
    private final PrintStream log;

    PromotionRunner(ImageStreamsRuntime.Services services, PrintStream log) {
        this.services = services;
        this.log = log;
    }

    Map<String, Object> run(
            TagSource.ImageStreamTag source,
            TagSource.ImageStreamTag target,
            PromotionOptions options,
            Optional<KubernetesConnection> kubernetes,
            boolean dryRun)
            throws Exception {
        ExecutorService blobs = Executors.newFixedThreadPool(4);
        KubernetesClient cluster = kubernetes.map(KubernetesConnection::connect).orElse(null);
        try {
            WorkloadDeployer deployer = cluster == null
                    ? (targets, image, wait) -> List.of()
                    : new KubernetesDeployer(new WorkloadUpdater(cluster));
            Promoter promoter = new Promoter(
                    services.store,
                    new ImageCopier(services.client, blobs, 4),
                    deployer,
                    services.clock,
                    services::changed);
            if (dryRun) {
                PromotionPlan plan = promoter.plan(source, target, options);
                plan.describe().forEach(line -> log.println(Messages.ImageStreamPromoteStep_Plan(line)));
                return plan(plan);
            }
            PromotionRecord record = promoter.promote(source, target, options);
            log.println(Messages.ImageStreamPromoteStep_Promoted(
                    target, record.image().shortForm(), record.outcome().name()));
            record.workloads().forEach(w -> log.println(Messages.ImageStreamPromoteStep_Workload(w.summary())));
            return record(record);
        } catch (PromotionException e) {
            throw new AbortException(e.getMessage());
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            blobs.shutdownNow();
        }
    }

    private static Map<String, Object> plan(PromotionPlan plan) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", plan.source().toString());
        map.put("target", plan.target().toString());
        map.put("digest", plan.image().toString());
        map.put("reference", plan.targetPullSpec());
        map.put("copiedTo", plan.copyTo().map(Object::toString).orElse(null));
        map.put("previousDigest", plan.previousImage().map(Object::toString).orElse(null));
        map.put("workloads", List.of());
        map.put("outcome", "DRY_RUN");
        map.put("dryRun", true);
        return map;
    }

    private static Map<String, Object> record(PromotionRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", record.source().toString());
        map.put("target", record.target().toString());
        map.put("digest", record.image().toString());
        map.put("reference", record.dockerImageReference());
        map.put("copied", record.copied());
        map.put("previousDigest", record.previousImage().map(Object::toString).orElse(null));
        map.put("time", record.time().toString());
        map.put("actor", record.actor());
        map.put(
                "workloads",
                record.workloads().stream().map(PromotionRunner::workload).toList());
        map.put("outcome", record.outcome().name());
        map.put("message", record.message());
        map.put("dryRun", false);
        return map;
    }

    private static Map<String, Object> workload(WorkloadResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", result.kind().displayName());
        map.put("namespace", result.namespace());
        map.put("name", result.name());
        map.put("outcome", result.outcome().name());
        map.put("message", result.message());
        map.put("success", result.isSuccess());
        return map;
    }
}
