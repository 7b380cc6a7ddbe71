package io.jenkins.plugins.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Credential helpers written by the test, run as {@code credHelpers} and {@code credsStore} name them. */
public class CredentialHelperTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path bin;
    private Path config;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Before
    public void folders() throws Exception {
        bin = temp.newFolder("bin").toPath();
        config = temp.newFolder("docker").toPath().resolve("config.json");
    }

    private DockerConfigCredentials credentials(String json) throws Exception {
        Files.writeString(config, json);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return DockerConfigCredentials.read(config, Map.of("PATH", bin.toString()))
                .with(Duration.ofSeconds(2), clock);
    }

    private static ImageReference ref(String text) {
        return ImageReference.parse(text);
    }

    /** A helper that records its arguments and standard input, and answers {@code answer}. */
    private void recordingHelper(String name, String answer) throws Exception {
        Path log = temp.getRoot().toPath().resolve(name + ".log");
        TestHelpers.write(
                bin, name, "#!/bin/sh\nread -r server\necho \"$1 $server\" >> " + log + "\necho '" + answer + "'\n");
    }

    private String log(String name) throws Exception {
        Path log = temp.getRoot().toPath().resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    public void credHelpersHelperGetsTheServerOnStandardInputAndItsAnswerIsUsed() throws Exception {
        recordingHelper("ecr-login", "{\"ServerURL\":\"x\",\"Username\":\"AWS\",\"Secret\":\"ecr-token\"}");
        var creds = credentials("{\"credHelpers\":{\"123.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr-login\"}}");

        assertThat(creds.forRepository(ref("123.dkr.ecr.eu-west-1.amazonaws.com/team/app:1"), AuthScheme.BASIC))
                .contains(new Credentials("AWS", "ecr-token"));
        assertThat(log("ecr-login")).isEqualTo("get 123.dkr.ecr.eu-west-1.amazonaws.com\n");
        assertThat(creds.forRepository(ref("other.example/app:1"), AuthScheme.BASIC))
                .isEmpty();
    }

    @Test
    public void credsStoreIsAskedForRegistriesTheFileDoesNotNameAndDockerHubByItsServerUrl() throws Exception {
        recordingHelper("desktop", "{\"ServerURL\":\"x\",\"Username\":\"hubuser\",\"Secret\":\"hubpw\"}");
        var creds = credentials(
                "{\"auths\":{\"docker.io\":{},\"quay.io\":{\"auth\":\"cTpw\"}},\"credsStore\":\"desktop\"}");

        assertThat(creds.forRepository(ref("alpine:3"), AuthScheme.BEARER))
                .contains(new Credentials("hubuser", "hubpw"));
        assertThat(creds.forRepository(ref("quay.io/a/b:1"), AuthScheme.BEARER)).contains(new Credentials("q", "p"));
        assertThat(log("desktop")).isEqualTo("get https://index.docker.io/v1/\n");
    }

    @Test
    public void tokenUserMeansTheSecretIsAnIdentityTokenForTheTokenFlowOnly() throws Exception {
        TestHelpers.write(bin, "helper-registry", TestHelpers.CONTAINERS_IMAGE_LIKE);
        var creds = credentials("{\"credHelpers\":{\"registry-b.com\":\"helper-registry\"}}");

        assertThat(creds.forRepository(ref("registry-b.com/app:1"), AuthScheme.BEARER))
                .contains(Credentials.identityToken("fizzbuzz"));
    }

    @Test
    public void notFoundAndEmptyAnswersAreNoCredentials() throws Exception {
        TestHelpers.write(bin, "helper-registry", TestHelpers.CONTAINERS_IMAGE_LIKE);
        recordingHelper("pass", "{\"ServerURL\":\"reg.example\",\"Username\":\"\",\"Secret\":\"\"}");
        var creds = credentials("{\"credHelpers\":{\"registry-no-creds.com\":\"helper-registry\",\"other.example\":"
                + "\"helper-registry\"},\"credsStore\":\"pass\"}");

        assertThat(creds.forRepository(ref("registry-no-creds.com/app:1"), AuthScheme.BASIC))
                .isEmpty();
        assertThat(creds.forRepository(ref("other.example/app:1"), AuthScheme.BASIC))
                .isEmpty();
        assertThat(creds.forRepository(ref("reg.example/app:1"), AuthScheme.BASIC))
                .isEmpty();
    }

    @Test
    public void missingHelperIsNamedWithTheFileThatNamesIt() throws Exception {
        var creds = credentials("{\"credHelpers\":{\"gcr.io\":\"gcloud\"}}");

        assertThatThrownBy(() -> creds.forRepository(ref("gcr.io/p/app:1"), AuthScheme.BEARER))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("docker-credential-gcloud is not on PATH")
                .hasMessageContaining("credHelpers in " + config);
    }

    @Test
    public void failingHelperIsReportedWithItsNameAndMessage() throws Exception {
        TestHelpers.write(bin, "ecr-login", "#!/bin/sh\necho 'error getting credentials - no AWS profile'\nexit 1\n");
        var creds = credentials("{\"credsStore\":\"ecr-login\"}");

        assertThatThrownBy(() -> creds.forRepository(ref("r.example/app:1"), AuthScheme.BASIC))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("docker-credential-ecr-login failed for r.example (exit 1):"
                        + " error getting credentials - no AWS profile");
    }

    @Test
    public void helperThatDoesNotAnswerIsStoppedAtTheTimeLimit() throws Exception {
        TestHelpers.write(bin, "slow", "#!/bin/sh\nexec /bin/sleep 60\n");
        var creds = credentials("{\"credsStore\":\"slow\"}");

        long start = System.nanoTime();
        assertThatThrownBy(() -> creds.forRepository(ref("r.example/app:1"), AuthScheme.BASIC))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("docker-credential-slow did not answer within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    public void answerThatIsNotTheProtocolsJsonIsRefusedWithoutBeingShown() throws Exception {
        TestHelpers.write(bin, "odd", "#!/bin/sh\necho 'password=hunter2'\n");
        var creds = credentials("{\"credsStore\":\"odd\"}");

        assertThatThrownBy(() -> creds.forRepository(ref("r.example/app:1"), AuthScheme.BASIC))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("docker-credential-odd answered for r.example with something other than")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    public void answersAreKeptForMinutesNotForeverAndAskedAgainAfterARefusal() throws Exception {
        recordingHelper("ecr-login", "{\"ServerURL\":\"x\",\"Username\":\"AWS\",\"Secret\":\"t\"}");
        var creds = credentials("{\"credsStore\":\"ecr-login\"}");
        ImageReference ref = ref("r.example/app:1");

        creds.forRepository(ref, AuthScheme.BASIC);
        creds.forRepository(ref, AuthScheme.BASIC);
        assertThat(log("ecr-login").lines()).hasSize(1);

        now.set(now.get().plus(Duration.ofMinutes(DockerConfigCredentials.HELPER_ANSWER_MINUTES + 1)));
        creds.forRepository(ref, AuthScheme.BASIC);
        assertThat(log("ecr-login").lines()).hasSize(2);

        assertThat(creds.refresh(ref)).isTrue();
        creds.forRepository(ref, AuthScheme.BASIC);
        assertThat(log("ecr-login").lines()).hasSize(3);
        assertThat(creds.refresh(ref("elsewhere.example/app:1"))).isFalse();
    }

    @Test
    public void toStringNamesFilesAndHelpersButNoSecret() throws Exception {
        recordingHelper("ecr-login", "{\"ServerURL\":\"x\",\"Username\":\"AWS\",\"Secret\":\"helper-secret\"}");
        var creds = credentials("{\"auths\":{\"q.example\":{\"auth\":\"cTpmaWxlLXNlY3JldA==\"}},"
                + "\"credHelpers\":{\"r.example\":\"ecr-login\"}}");
        creds.forRepository(ref("r.example/app:1"), AuthScheme.BASIC);

        assertThat(creds.toString())
                .contains(config.toString(), "q.example", "ecr-login")
                .doesNotContain("helper-secret", "file-secret", "cTpmaWxlLXNlY3JldA");
    }
}
