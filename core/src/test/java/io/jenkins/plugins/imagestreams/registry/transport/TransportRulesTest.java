package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import java.net.URI;
import org.junit.Test;

public class TransportRulesTest {
    private final RegistryConfig secure = RegistryConfig.defaults();
    private final RegistryConfig insecure = RegistryConfig.defaults().withInsecure(true);

    @Test
    public void loopbackIsDecidedByLiteralsNeverByNames() {
        assertThat(Transport.isLoopback("localhost")).isTrue();
        assertThat(Transport.isLoopback("127.0.0.1")).isTrue();
        assertThat(Transport.isLoopback("127.1.2.3")).isTrue();
        assertThat(Transport.isLoopback("[::1]")).isTrue();
        assertThat(Transport.isLoopback("::1")).isTrue();
        assertThat(Transport.isLoopback("127.evil.example")).isFalse();
        assertThat(Transport.isLoopback("10.0.0.1")).isFalse();
        assertThat(Transport.isLoopback("registry.example")).isFalse();
    }

    @Test
    public void credentialsTravelOnlyOverHttpsToLoopbackOrToInsecureRegistries() {
        assertThat(Transport.mayCarryCredentials(URI.create("https://quay.io/v2/"), secure))
                .isTrue();
        assertThat(Transport.mayCarryCredentials(URI.create("http://127.0.0.1:5000/v2/"), secure))
                .isTrue();
        assertThat(Transport.mayCarryCredentials(URI.create("http://registry.internal/v2/"), secure))
                .isFalse();
        assertThat(Transport.mayCarryCredentials(URI.create("http://registry.internal/v2/"), insecure))
                .isTrue();
    }

    @Test
    public void onlyTheRegistrysOwnHostAndPortCountAsTheRegistry() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/app");
        assertThat(Transport.isRegistryHost(URI.create("http://127.0.0.1:5000/v2/app/blobs/x"), ref))
                .isTrue();
        assertThat(Transport.isRegistryHost(URI.create("http://127.0.0.1:5001/blob"), ref))
                .isFalse();
        assertThat(Transport.isRegistryHost(URI.create("https://s3.example/blob"), ref))
                .isFalse();
        ImageReference hub = ImageReference.parse("nginx");
        assertThat(Transport.isRegistryHost(URI.create("https://registry-1.docker.io/v2/"), hub))
                .isTrue();
        assertThat(Transport.isRegistryHost(URI.create("https://production.cloudflare.docker.com/x"), hub))
                .isFalse();
    }
}
