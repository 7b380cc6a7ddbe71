package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.Optional;
import org.junit.ClassRule;
import org.junit.Test;

/** htpasswd basic auth over plain HTTP on loopback. */
public class RegistryClientBasicAuthTest extends AbstractRegistryClientRealTest {
    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().basicAuth("testuser", "testpass").build();

    @Override
    protected RegistryFixture registry() {
        return REGISTRY;
    }

    @Test
    public void wrongPasswordAndAnonymousAreUnauthorizedWithoutLeakingTheSecret() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "basic"), REGISTRY, "src/secret:1");

        assertThatThrownBy(() -> clientWith(Optional.of(new Credentials("testuser", "not-the-pass")))
                        .resolve(ref("src/secret:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("not-the-pass").contains("Check the credentials");
                });
        assertThatThrownBy(() -> clientWith(Optional.empty()).listTags(ref("src/secret")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }
}
