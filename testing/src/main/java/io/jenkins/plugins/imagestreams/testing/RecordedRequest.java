package io.jenkins.plugins.imagestreams.testing;

/**
 * One request a {@link FaultProxy} received.
 *
 * @param method HTTP method
 * @param path request path without query
 * @param query query string without {@code ?}, or ""
 * @param uploadedBytes request body bytes received from the client (payload, without chunk framing)
 * @param fault the fault injected into it, or null if it was forwarded untouched
 */
public record RecordedRequest(String method, String path, String query, long uploadedBytes, Fault fault) {}
