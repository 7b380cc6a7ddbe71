package io.jenkins.plugins.imagestreams.registry;

import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import org.junit.ClassRule;

/** Plain HTTP on loopback, no auth: works without any registry config. */
public class RegistryClientPlainTest extends AbstractRegistryClientRealTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Override
    protected RegistryFixture registry() {
        return REGISTRY;
    }
}
