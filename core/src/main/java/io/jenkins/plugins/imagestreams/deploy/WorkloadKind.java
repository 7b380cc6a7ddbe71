package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of workload whose pod template {@link WorkloadUpdater} sets images in, each with the JSON pointer of its pod
 * spec. CronJobs are {@code batch/v1}.
 */
public enum WorkloadKind {
    DEPLOYMENT("Deployment", Deployment.class, "/spec/template/spec", "deploy", w -> Optional.ofNullable(
                    ((Deployment) w).getSpec())
            .map(DeploymentSpec::getTemplate)),
    STATEFULSET("StatefulSet", StatefulSet.class, "/spec/template/spec", "sts", w -> Optional.ofNullable(
                    ((StatefulSet) w).getSpec())
            .map(StatefulSetSpec::getTemplate)),
    DAEMONSET("DaemonSet", DaemonSet.class, "/spec/template/spec", "ds", w -> Optional.ofNullable(
                    ((DaemonSet) w).getSpec())
            .map(DaemonSetSpec::getTemplate)),
    CRONJOB("CronJob", CronJob.class, "/spec/jobTemplate/spec/template/spec", "cj", w -> Optional.ofNullable(
                    ((CronJob) w).getSpec())
            .map(CronJobSpec::getJobTemplate)
            .map(JobTemplateSpec::getSpec)
            .map(JobSpec::getTemplate));

    private final String displayName;
    private final Class<? extends HasMetadata> type;
    private final String podSpecPointer;
    private final String shortName;
    private final Function<HasMetadata, Optional<PodTemplateSpec>> template;

    WorkloadKind(
            String displayName,
            Class<? extends HasMetadata> type,
            String podSpecPointer,
            String shortName,
            Function<HasMetadata, Optional<PodTemplateSpec>> template) {
        this.displayName = displayName;
        this.type = type;
        this.podSpecPointer = podSpecPointer;
        this.shortName = shortName;
        this.template = template;
    }

    /**
     * Parses a kind as kubectl spells it, case-insensitive: {@code deployment}, {@code statefulset}, {@code daemonset},
     * {@code cronjob}, their plurals or short names ({@code deploy}, {@code sts}, {@code ds}, {@code cj}).
     *
     * @throws IllegalArgumentException naming the accepted kinds
     */
    public static WorkloadKind parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> {
                    String name = k.displayName.toLowerCase(Locale.ROOT);
                    return wanted.equals(name) || wanted.equals(name + "s") || wanted.equals(k.shortName);
                })
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload kind '" + text
                        + "'; expected deployment, statefulset, daemonset or cronjob"));
    }

    /** The kind as Kubernetes names it: {@code Deployment}, {@code CronJob}. */
    public String displayName() {
        return displayName;
    }

    Class<? extends HasMetadata> type() {
        return type;
    }

    /** The JSON pointer of the pod spec inside this kind of object. */
    String podSpecPointer() {
        return podSpecPointer;
    }

    /** The pod spec of {@code workload}, if the object has one. */
    Optional<PodSpec> podSpec(HasMetadata workload) {
        return template.apply(workload).map(PodTemplateSpec::getSpec);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
