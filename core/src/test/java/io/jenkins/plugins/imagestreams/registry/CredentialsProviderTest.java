package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Optional;
import org.junit.Test;

public class CredentialsProviderTest {
    @Test
    public void orElseAsksTheSecondProviderForWhatTheFirstDoesNotKnowAndRefreshesBoth() {
        Credentials first = new Credentials("configured", "1");
        Credentials second = new Credentials("auth-file", "2");
        boolean[] refreshed = new boolean[1];
        CredentialsProvider configured = r -> r.equals("a.example") ? Optional.of(first) : Optional.empty();
        CredentialsProvider files = new CredentialsProvider() {
            @Override
            public Optional<Credentials> forRegistry(String registry) {
                return Optional.of(second);
            }

            @Override
            public boolean refresh(ImageReference ref) {
                refreshed[0] = true;
                return true;
            }
        };
        CredentialsProvider both = configured.orElse(files);

        assertThat(both.forRepository(ImageReference.parse("a.example/app:1"), AuthScheme.BASIC))
                .contains(first);
        assertThat(both.forRepository(ImageReference.parse("b.example/app:1"), AuthScheme.BEARER))
                .contains(second);
        assertThat(both.refresh(ImageReference.parse("b.example/app:1"))).isTrue();
        assertThat(refreshed[0]).isTrue();
    }
}
