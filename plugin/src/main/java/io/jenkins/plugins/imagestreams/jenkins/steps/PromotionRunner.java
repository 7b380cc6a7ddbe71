package io.jenkins.plugins.imagestreams.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.PromotionRequest;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls the core service's promotion (or its dry run) and turns its plan or record into the step's plain map. */
final class PromotionRunner {
    private final ImageStreamService service;
    private final PrintStream log;

    PromotionRunner(ImageStreamService service, PrintStream log) {
        this.service = service;
        this.log = log;
    }

    Map<String, Object> run(PromotionRequest request, boolean dryRun) throws Exception {
        try {
            if (dryRun) {
                PromotionPlan plan = service.plan(request);
                plan.describe().forEach(line -> log.println(Messages.ImageStreamPromoteStep_Plan(line)));
                return plan(plan);
            }
            PromotionRecord record = service.promote(request);
            log.println(Messages.ImageStreamPromoteStep_Promoted(
                    request.target(),
                    record.image().shortForm(),
                    record.outcome().name()));
            record.gates().forEach(g -> log.println(Messages.ImageStreamPromoteStep_Gate(g)));
            record.evidence().signatures().forEach(sig -> log.println(Messages.ImageStreamPromoteStep_Evidence(sig)));
            record.evidence().attachments().forEach(a -> log.println(Messages.ImageStreamPromoteStep_Carried(a)));
            record.workloads().forEach(w -> log.println(Messages.ImageStreamPromoteStep_Workload(w.summary())));
            if (record.outcome() == PromotionRecord.Outcome.WORKLOADS_FAILED) {
                throw new AbortException(Messages.ImageStreamPromoteStep_WorkloadsFailed(request.target()));
            }
            return record(record);
        } catch (PromotionException | TagException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
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
        map.put("gates", record.gates());
        map.put(
                "signatures",
                record.evidence().signatures().stream().map(Object::toString).toList());
        map.put(
                "carried",
                record.evidence().attachments().stream().map(Object::toString).toList());
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
