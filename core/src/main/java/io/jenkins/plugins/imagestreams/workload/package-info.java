/**
 * Kubernetes workloads as plain values: which workloads a tag or a promotion updates ({@link
 * io.jenkins.plugins.imagestreams.workload.WorkloadTarget}, {@link io.jenkins.plugins.imagestreams.workload.WorkloadKind}
 * by name), how long to wait for their rollout, what happened to each ({@link
 * io.jenkins.plugins.imagestreams.workload.WorkloadResult}), and the {@link
 * io.jenkins.plugins.imagestreams.workload.WorkloadDeployer} seam that sets an image in them. Nothing here loads a
 * Kubernetes client class, so streams, the store and promotion records hold workloads without fabric8; {@code deploy}
 * maps these values onto the Kubernetes API.
 */
package io.jenkins.plugins.imagestreams.workload;
