package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.registry.auth.Authenticator;
import org.junit.Test;

public class CredentialsTest {
    @Test
    public void toStringNeverShowsTheSecret() {
        Credentials credentials = new Credentials("alice", "s3cr3t-pa55");
        assertThat(credentials.toString()).contains("alice").doesNotContain("s3cr3t-pa55");
        assertThat(Credentials.identityToken("refresh-xyz").toString()).doesNotContain("refresh-xyz");
    }

    @Test
    public void identityTokensAreMarkedByDockersUserName() {
        assertThat(Credentials.identityToken("t").isIdentityToken()).isTrue();
        assertThat(new Credentials("bob", "t").isIdentityToken()).isFalse();
    }

    @Test
    public void basicHeaderEncodesUserAndPassword() {
        assertThat(Authenticator.basic(new Credentials("testuser", "testpass")))
                .isEqualTo("Basic dGVzdHVzZXI6dGVzdHBhc3M=");
    }
}
