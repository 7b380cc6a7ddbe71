package io.jenkins.plugins.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for what a registry or a config file hands the authentication: {@code WWW-Authenticate} challenges and
 * Docker auth files. In the regular build they replay the seeds under
 * {@code src/test/resources/.../AuthInputFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one of them.
 */
class AuthInputFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void challengeParserNeverThrowsAndKeepsWhatItReturnsWellFormed(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        List<String> values = Arrays.asList(header.split("\n", 4));

        List<Challenge> challenges = Challenge.parseAll(values);

        assertThat(challenges.size()).isLessThanOrEqualTo(header.length());
        for (Challenge challenge : challenges) {
            assertThat(challenge.scheme()).isNotEmpty().isLowerCase().doesNotContain(" ", ",", "=", "\"");
            assertThat(challenge.params().keySet())
                    .allSatisfy(name -> assertThat(name).isNotEmpty().isLowerCase());
            assertThat(challenge.scopes())
                    .allSatisfy(scope -> assertThat(scope).isNotEmpty().doesNotContain(" ", "\t"));
        }
    }

    /** {@link DockerConfigCredentials#read} is this parse of the file's bytes, with IOException made unchecked. */
    @FuzzTest(maxDuration = "5m")
    void dockerConfigReaderThrowsOnlyIoExceptionAndNeverShowsSecrets(byte[] input) {
        DockerConfigCredentials credentials;
        try {
            credentials = DockerConfigCredentials.parse(input);
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotNull();
            return;
        }
        for (String registry : List.of("docker.io", "localhost:5000", "https://index.docker.io/v1/", "")) {
            try {
                credentials.forRegistry(registry).ifPresent(c -> assertThat(c.toString())
                        .endsWith(", secret=****]"));
            } catch (CredentialsUnavailableException e) {
                assertThat(e.getMessage()).contains("is not on PATH");
            }
        }
        assertThat(credentials.toString()).startsWith("DockerConfigCredentials[");
    }
}
