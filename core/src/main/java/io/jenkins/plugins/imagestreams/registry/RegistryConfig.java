package io.jenkins.plugins.imagestreams.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client talks to one registry host.
 *
 * <p>Scheme: HTTPS, except for a loopback registry ({@code localhost}, 127.0.0.0/8, {@code [::1]}) with neither CA
 * nor {@code insecure}, which is spoken to over plain HTTP as Docker ends up doing for {@code localhost:5000}. An
 * {@code insecure} registry is tried over HTTPS (without verification) and, when the handshake fails, over plain HTTP
 * from then on. A non-loopback registry is never used over plain HTTP unless {@code insecure}.
 *
 * @param caCertificatePem PEM certificates that, when present, replace the system trust store for this host only
 * @param insecure skip TLS verification and allow plain HTTP for this host
 * @param maxConcurrentRequests requests in flight to this host at once
 * @param maxRequestsPerSecond requests started per second to this host; {@code 0} for no limit
 */
public record RegistryConfig(
        Optional<String> caCertificatePem, boolean insecure, int maxConcurrentRequests, double maxRequestsPerSecond) {
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

    public RegistryConfig {
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1: " + maxConcurrentRequests);
        }
        if (maxRequestsPerSecond < 0 || Double.isNaN(maxRequestsPerSecond)) {
            throw new IllegalArgumentException("maxRequestsPerSecond must be 0 (no limit) or positive");
        }
    }

    /** System trust, verified TLS, 8 concurrent requests, no rate limit. */
    public static RegistryConfig defaults() {
        return new RegistryConfig(Optional.empty(), false, DEFAULT_MAX_CONCURRENT_REQUESTS, 0);
    }

    public RegistryConfig withCaCertificatePem(String pem) {
        return new RegistryConfig(
                Optional.of(Objects.requireNonNull(pem, "pem")), insecure, maxConcurrentRequests, maxRequestsPerSecond);
    }

    /**
     * Trusts the PEM certificates in {@code file} for this host.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public RegistryConfig withCaCertificate(Path file) {
        try {
            return withCaCertificatePem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CA certificate " + file + ": " + e.getMessage(), e);
        }
    }

    public RegistryConfig withInsecure(boolean newInsecure) {
        return new RegistryConfig(caCertificatePem, newInsecure, maxConcurrentRequests, maxRequestsPerSecond);
    }

    public RegistryConfig withMaxConcurrentRequests(int max) {
        return new RegistryConfig(caCertificatePem, insecure, max, maxRequestsPerSecond);
    }

    public RegistryConfig withMaxRequestsPerSecond(double perSecond) {
        return new RegistryConfig(caCertificatePem, insecure, maxConcurrentRequests, perSecond);
    }
}
