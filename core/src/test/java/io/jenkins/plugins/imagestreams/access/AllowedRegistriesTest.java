package io.jenkins.plugins.imagestreams.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Set;
import org.junit.Test;

public class AllowedRegistriesTest {
    private final AllowedRegistries listed = AllowedRegistries.only(Set.of("Registry.Example.com", "localhost:5000"));

    @Test
    public void aListedRegistryIsAllowedWhateverItsCaseAndRepository() {
        assertThat(listed.allows(ImageReference.parse("registry.example.com/team/app:1")))
                .isTrue();
        assertThat(listed.allows(ImageReference.parse("localhost:5000/app@sha256:" + "a".repeat(64))))
                .isTrue();
    }

    @Test
    public void anotherHostOrPortIsRefusedNamingTheArgumentTheRegistryAndTheAllowedOnes() {
        assertThat(listed.allows(ImageReference.parse("localhost:5001/app:1"))).isFalse();
        assertThatThrownBy(() -> listed.check("from", ImageReference.parse("internal.corp:8443/app:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from names registry 'internal.corp:8443'")
                .hasMessageContaining("allowed: localhost:5000, registry.example.com");
    }

    @Test
    public void dockerHubIsMatchedUnderEitherName() {
        AllowedRegistries hub = AllowedRegistries.only(Set.of("docker.io"));
        assertThat(hub.allows(ImageReference.parse("nginx:1.27"))).isTrue();
        assertThat(AllowedRegistries.only(Set.of("registry-1.docker.io")).allows(ImageReference.parse("nginx")))
                .isTrue();
    }

    @Test
    public void noListAllowsNothingAndAnyAllowsEverything() {
        assertThatThrownBy(() -> AllowedRegistries.only(Set.of()).check("copyTo", ImageReference.parse("quay.io/a/b")))
                .hasMessageContaining("allowed: none");
        assertThat(AllowedRegistries.ANY.allows(ImageReference.parse("quay.io/a/b")))
                .isTrue();
    }
}
