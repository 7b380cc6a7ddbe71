package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestCertificates;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Files;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

/** HTTPS with a certificate from a test CA that only this client's config trusts. */
public class RegistryClientTlsTest extends AbstractRegistryClientRealTest {
    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().tls().build();

    @Override
    protected RegistryFixture registry() {
        return REGISTRY;
    }

    private RegistryClient clientWithConfig(RegistryConfig config) {
        return RegistryClient.builder()
                .registryConfig(Map.of(REGISTRY.host(), config))
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    @Test
    public void theCaIsTrustedPerClientNotJvmWide() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "tls trust");
        Skopeo.push(image, REGISTRY, "src/trust:1");

        assertThat(client().resolve(ref("src/trust:1"))).isEqualTo(Digest.parse(image.digest()));
        assertThatThrownBy(() -> clientWithConfig(RegistryConfig.defaults().withCaCertificatePem(otherCa()))
                        .resolve(ref("src/trust:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                    assertThat(e.getMessage()).contains("not trusted").contains("CA certificate");
                });
    }

    @Test
    public void withoutConfigTheLoopbackRegistryIsAskedOverHttpAndTheErrorSaysToConfigureTheCa() {
        assertThatThrownBy(() -> clientWithConfig(RegistryConfig.defaults()).resolve(ref("src/none:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
                        .contains("configure its CA certificate"));
    }

    @Test
    public void insecureSkipsVerification() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "tls insecure");
        Skopeo.push(image, REGISTRY, "src/insecure:1");
        assertThat(clientWithConfig(RegistryConfig.defaults().withInsecure(true))
                        .resolve(ref("src/insecure:1")))
                .isEqualTo(Digest.parse(image.digest()));
    }

    /** A fresh test CA that did not sign the registry's certificate. */
    private String otherCa() throws Exception {
        return Files.readString(
                TestCertificates.serverTls(tmp.newFolder().toPath()).caCertificate());
    }
}
