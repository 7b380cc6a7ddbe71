package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.testing.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Requests share a client exactly when their TLS settings, their kind (blob or not) and their scheme agree: a registry
 * trusted through its own CA never gets the client of another trust, nor a verifying registry the client of an
 * insecure one.
 */
public class HttpClientsSharingTest {
    private static final URI TLS = URI.create("https://registry.example.com/v2/");
    private static final URI PLAIN = URI.create("http://127.0.0.1:5000/v2/");

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final HttpClients clients = new HttpClients(Duration.ofSeconds(5));

    @After
    public void close() {
        clients.close();
    }

    @Test
    public void theSameSettingsShareOneClient() {
        HttpClient first = clients.forUri(TLS, RegistryConfig.defaults(), false);
        // limits are not TLS settings: they do not ask for a client of their own
        RegistryConfig limited =
                RegistryConfig.defaults().withMaxConcurrentRequests(2).withMaxRequestsPerSecond(5);
        assertThat(clients.forUri(TLS, limited, false)).isSameAs(first);
        assertThat(clients.forUri(URI.create("https://other.example.com/v2/"), RegistryConfig.defaults(), false))
                .isSameAs(first);
    }

    @Test
    public void eachTlsSettingKindAndSchemeGetsAClientOfItsOwn() throws Exception {
        Path ca = TestCertificates.serverTls(tmp.newFolder().toPath()).caCertificate();
        Path otherCa = TestCertificates.serverTls(tmp.newFolder().toPath()).caCertificate();
        RegistryConfig defaults = RegistryConfig.defaults();
        HttpClient verifying = clients.forUri(TLS, defaults, false);
        HttpClient streaming = clients.forUri(TLS, defaults, true);
        HttpClient insecure = clients.forUri(TLS, defaults.withInsecure(true), false);
        HttpClient trustingCa = clients.forUri(TLS, defaults.withCaCertificate(ca), false);
        HttpClient trustingOtherCa = clients.forUri(TLS, defaults.withCaCertificate(otherCa), false);
        HttpClient plain = clients.forUri(PLAIN, defaults, false);

        assertThat(new HttpClient[] {verifying, streaming, insecure, trustingCa, trustingOtherCa, plain})
                .doesNotHaveDuplicates();
        assertThat(clients.forUri(TLS, defaults.withCaCertificate(ca), false)).isSameAs(trustingCa);
        assertThat(clients.forUri(TLS, defaults.withInsecure(true), false)).isSameAs(insecure);
        // plain HTTP never does TLS, so its TLS settings do not matter
        assertThat(clients.forUri(PLAIN, defaults.withCaCertificate(ca), false)).isSameAs(plain);
    }
}
