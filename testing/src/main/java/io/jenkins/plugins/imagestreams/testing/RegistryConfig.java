package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code config.yml} of one test registry (CNCF distribution 2.8): filesystem storage with delete enabled, quiet
 * logs, and the optional auth, TLS and notification sections.
 *
 * @param port loopback port to listen on
 * @param storage storage root directory
 * @param htpasswd htpasswd file for basic auth, or null
 * @param tls server certificate and key, or null for plain HTTP
 * @param tokenRealm the token issuer's realm for token auth, or null
 * @param tokenCertBundle the issuer's signing certificate (PEM), with {@code tokenRealm}
 * @param notifications endpoint receiving event envelopes, or null
 * @param accessLog whether the registry logs every request
 */
record RegistryConfig(
        int port,
        Path storage,
        Path htpasswd,
        TestCertificates.ServerTls tls,
        URI tokenRealm,
        Path tokenCertBundle,
        URI notifications,
        boolean accessLog) {

    RegistryConfig {
        if (htpasswd != null && tokenRealm != null) {
            throw new IllegalArgumentException("a registry has one auth method: basic auth or token auth, not both");
        }
    }

    /** The YAML text. Paths and URLs are quoted; all come from the test itself. */
    String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("version: 0.1\n");
        y.append("log:\n  level: ").append(accessLog ? "info" : "warn").append('\n');
        y.append("  accesslog:\n    disabled: ").append(!accessLog).append('\n');
        y.append("storage:\n");
        y.append("  filesystem:\n    rootdirectory: ").append(quote(storage)).append('\n');
        y.append("  delete:\n    enabled: true\n");
        y.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
        y.append("http:\n  addr: \"127.0.0.1:").append(port).append("\"\n");
        y.append("  secret: image-streams-test-only-secret\n");
        if (tls != null) {
            y.append("  tls:\n    certificate: ")
                    .append(quote(tls.serverCertificate()))
                    .append('\n');
            y.append("    key: ").append(quote(tls.serverKey())).append('\n');
        }
        if (htpasswd != null) {
            y.append("auth:\n  htpasswd:\n    realm: image-streams-test\n    path: ")
                    .append(quote(htpasswd))
                    .append('\n');
        }
        if (tokenRealm != null) {
            y.append("auth:\n  token:\n    realm: ").append(quote(tokenRealm)).append('\n');
            y.append("    service: ").append(TokenIssuer.SERVICE).append('\n');
            y.append("    issuer: ").append(TokenIssuer.ISSUER).append('\n');
            y.append("    rootcertbundle: ").append(quote(tokenCertBundle)).append('\n');
        }
        if (notifications != null) {
            // distribution#2916: ignore.actions is only honoured when ignore.mediatypes is non-empty.
            y.append("notifications:\n  events:\n    includereferences: true\n  endpoints:\n");
            y.append("    - name: test-endpoint\n      url: ")
                    .append(quote(notifications))
                    .append('\n');
            y.append("      timeout: 2s\n      threshold: 3\n      backoff: 200ms\n");
            y.append("      ignore:\n        mediatypes: [application/x-none]\n        actions: [pull]\n");
        }
        return y.toString();
    }

    /** Writes {@link #yaml()} to {@code file}. */
    void writeTo(Path file) {
        try {
            Files.writeString(file, yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
