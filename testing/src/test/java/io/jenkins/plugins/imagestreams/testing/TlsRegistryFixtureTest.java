package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TlsRegistryFixtureTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture TLS =
            RegistryFixture.builder().tls().basicAuth("bob", "tls-pass").build();

    @Test
    public void tlsRegistryServesPushedDigestToClientsTrustingTheCa() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "over tls");

        Skopeo.push(image, TLS, "tls/app:1");

        assertThat(TLS.url().toString()).startsWith("https://127.0.0.1:");
        assertThat(new RawRegistryHttp(TLS).digest("tls/app", "1")).contains(image.digest());
        assertThat(Skopeo.inspectDigest(TLS, "tls/app:1")).isEqualTo(image.digest());
    }

    @Test
    public void clientWithoutTheCaFailsTheHandshake() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(TLS.url().resolve("/v2/")).build();

        assertThatThrownBy(() -> defaultTrust.send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    public void caIsExposedAsPemAndSignsTheServerCertificate() throws Exception {
        assertThat(TLS.isTls()).isTrue();
        assertThat(TLS.caCertificate())
                .hasValueSatisfying(pem -> assertThat(pem).exists());
        X509Certificate ca =
                TestCertificates.readCertificates(TLS.caCertificate().get()).get(0);
        X509Certificate server = TestCertificates.readCertificates(
                        TLS.workDir().resolve("tls").resolve("server.pem"))
                .get(0);

        server.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .contains((Object) "127.0.0.1", (Object) "localhost");
    }
}
