/**
 * State shared through the Kubernetes API by every process that keeps its streams in one cluster: the stream store
 * ({@link io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore}, one custom resource per stream) and the
 * election of the process that runs the scheduled imports ({@link
 * io.jenkins.plugins.imagestreams.cluster.KubernetesLeadership}, a Lease). The model and the file store know nothing of
 * Kubernetes; only this package and {@code deploy} do.
 */
package io.jenkins.plugins.imagestreams.cluster;
