package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.AssumptionViolatedException;
import org.junit.Test;

public class RequiredToolsTest {
    private static final String PATH = System.getenv("PATH");

    @Test
    public void missingToolFailsOnCiNamingTheInstallScript() {
        Map<String, String> env = Map.of("PATH", PATH, "CI", "true");

        assertThatThrownBy(() -> RequiredTools.check(env::get, "sh", "no-such-tool-xyz"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-tool-xyz")
                .hasMessageContaining("scripts/install-deps.sh")
                .hasMessageContaining("apt-get install docker-registry skopeo apache2-utils");
    }

    @Test
    public void missingToolSkipsOutsideCi() {
        Map<String, String> env = Map.of("PATH", PATH);

        assertThatThrownBy(() -> RequiredTools.check(env::get, "no-such-tool-xyz"))
                .isInstanceOf(AssumptionViolatedException.class)
                .hasMessageContaining("scripts/install-deps.sh");
    }

    @Test
    public void presentToolsPassEvenOnCi() {
        Map<String, String> env = Map.of("PATH", PATH, "CI", "true");

        assertThatCode(() -> RequiredTools.check(env::get, "sh", "docker-registry", "skopeo", "htpasswd", "openssl"))
                .doesNotThrowAnyException();
    }
}
