package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.Map;
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

        assertThat(insecure.resolve(ref("src/insecure:1"))).isEqualTo(image.digest());
        assertThat(insecure.resolve(ref("src/insecure:1"))).isEqualTo(image.digest());
    }
}
