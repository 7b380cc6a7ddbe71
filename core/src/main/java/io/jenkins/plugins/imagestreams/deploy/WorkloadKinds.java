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
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import java.util.Optional;

/** The fabric8 side of each {@link WorkloadKind}: its API type, and where its pod spec lives in an object of it. */
final class WorkloadKinds {
    private WorkloadKinds() {}

    /** The fabric8 resource class of {@code kind}; CronJobs are {@code batch/v1}. */
    static Class<? extends HasMetadata> type(WorkloadKind kind) {
        return switch (kind) {
            case DEPLOYMENT -> Deployment.class;
            case STATEFULSET -> StatefulSet.class;
            case DAEMONSET -> DaemonSet.class;
            case CRONJOB -> CronJob.class;
        };
    }

    /** The JSON pointer of the pod spec inside an object of {@code kind}, where {@link #podSpec} reads it. */
    static String podSpecPointer(WorkloadKind kind) {
        return kind == WorkloadKind.CRONJOB ? "/spec/jobTemplate/spec/template/spec" : "/spec/template/spec";
    }

    /** The pod spec of {@code workload}, an object of {@code kind}, if it has one. */
    static Optional<PodSpec> podSpec(WorkloadKind kind, HasMetadata workload) {
        Optional<PodTemplateSpec> template =
                switch (kind) {
                    case DEPLOYMENT ->
                        Optional.ofNullable(((Deployment) workload).getSpec()).map(DeploymentSpec::getTemplate);
                    case STATEFULSET ->
                        Optional.ofNullable(((StatefulSet) workload).getSpec()).map(StatefulSetSpec::getTemplate);
                    case DAEMONSET ->
                        Optional.ofNullable(((DaemonSet) workload).getSpec()).map(DaemonSetSpec::getTemplate);
                    case CRONJOB ->
                        Optional.ofNullable(((CronJob) workload).getSpec())
                                .map(CronJobSpec::getJobTemplate)
                                .map(JobTemplateSpec::getSpec)
                                .map(JobSpec::getTemplate);
                };
        return template.map(PodTemplateSpec::getSpec);
    }
}
