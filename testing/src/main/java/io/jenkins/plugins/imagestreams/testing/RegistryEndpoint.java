package io.jenkins.plugins.imagestreams.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where a test talks to a registry: the fixture itself, or a {@link FaultProxy} in front of it. Tools such as
 * {@link Skopeo} derive their TLS and credential flags from it.
 */
public interface RegistryEndpoint {
    /** {@code 127.0.0.1:PORT}, as it appears in image references. */
    String host();

    /** {@code http://127.0.0.1:PORT} or {@code https://127.0.0.1:PORT}. */
    URI url();

    boolean isTls();

    /** The PEM file of the CA that signed the server certificate, for TLS endpoints. */
    Optional<Path> caCertificate();

    Optional<String> username();

    Optional<String> password();

    /** An {@link SSLContext} that trusts exactly {@link #caCertificate()}, for TLS endpoints. */
    default Optional<SSLContext> sslContext() {
        return caCertificate().map(TestCertificates::trusting);
    }
}
