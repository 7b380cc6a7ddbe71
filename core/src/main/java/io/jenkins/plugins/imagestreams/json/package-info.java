/**
 * Image streams as JSON in OpenShift's shape ({@code apiVersion}, {@code metadata}, {@code spec.tags}, {@code
 * status.tags[].items}): what the file store writes and what the command prints with {@code -o json|yaml}.
 */
package io.jenkins.plugins.imagestreams.json;
