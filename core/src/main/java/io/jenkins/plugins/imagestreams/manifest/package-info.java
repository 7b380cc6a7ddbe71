/**
 * Stream definitions read from OpenShift's own manifests: {@code ImageStream} objects as YAML or JSON, several in one
 * file, in an {@code ImageStreamList} or {@code List}, or among the objects of a {@code Template}. Pure parsing: the
 * result is {@link io.jenkins.plugins.imagestreams.service.StreamDefinition}s for the service to apply.
 */
package io.jenkins.plugins.imagestreams.manifest;
