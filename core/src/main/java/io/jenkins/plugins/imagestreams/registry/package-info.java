/**
 * The registry client: {@link io.jenkins.plugins.imagestreams.registry.RegistryClient} and the types its callers
 * use with it (settings, credentials, blob content, errors).
 *
 * <p>Behind it, by concern: {@code registry.model} (manifests, descriptors, media types, platforms, attachment tags,
 * referrers lists: plain values, public), {@code registry.auth} (challenges, Basic and bearer tokens, Docker auth
 * files), {@code registry.transport} (HTTP clients and TLS, limits, requests, responses, error bodies) and
 * {@code registry.endpoint} (one class per endpoint of the distribution API). Types of the last three that are public only so that sibling packages reach them
 * say so; only {@link io.jenkins.plugins.imagestreams.registry.auth.DockerConfigCredentials} is meant for callers.
 */
package io.jenkins.plugins.imagestreams.registry;
