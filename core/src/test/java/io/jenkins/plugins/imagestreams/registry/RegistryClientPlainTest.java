package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Test;

/** Plain HTTP on loopback, no auth: works without any registry config. */
public class RegistryClientPlainTest extends AbstractRegistryClientRealTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Override
    protected RegistryFixture registry() {
        return REGISTRY;
    }

    @Test
    public void insecureRegistryIsTriedOverHttpsThenSpokenToOverPlainHttp() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "insecure plain");
        Skopeo.push(image, REGISTRY, "src/insecure:1");
        RegistryClient insecure = RegistryClient.builder()
                .registryConfig(
                        Map.of(REGISTRY.host(), RegistryConfig.defaults().withInsecure(true)))
                .build();

        assertThat(insecure.resolve(ref("src/insecure:1"))).isEqualTo(Digest.parse(image.digest()));
        assertThat(insecure.resolve(ref("src/insecure:1"))).isEqualTo(Digest.parse(image.digest()));
    }

    @Test
    public void aClientReachingItsRegistryDirectlyStartsNoHttpThreadAndOnceClosedRefusesRequests() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "closed client");
        Skopeo.push(image, REGISTRY, "src/closed:1");
        Set<Thread> before = selectorThreads();
        RegistryClient client = RegistryClient.builder().build();
        assertThat(client.resolve(ref("src/closed:1"))).isEqualTo(Digest.parse(image.digest()));
        Set<Thread> opened = selectorThreads();
        opened.removeAll(before);
        assertThat(opened).as("selector threads of the JDK's HTTP client").isEmpty();

        client.close();

        assertThatThrownBy(() -> client.resolve(ref("src/closed:1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith("SelectorManager"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
