package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.auth.DockerConfigCredentials;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.RequiredTools;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Credentials from auth files and credential helpers against the real registry with htpasswd auth: Debian's
 * {@code docker-credential-pass} with a throwaway GPG key, and helpers written by the test.
 */
public class RegistryClientCredentialHelperTest {
    private static final String USER = "AWS";

    @Rule
    public final RegistryFixture registry =
            RegistryFixture.builder().basicAuth(USER, "token-1").build();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path home;
    private Path bin;
    private RegistryClient client;
    private final Map<String, String> env = new HashMap<>();

    @Before
    public void setUp() throws Exception {
        home = temp.newFolder("home").toPath();
        bin = temp.newFolder("bin").toPath();
        Files.createDirectories(home.resolve(".docker"));
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", temp.newFolder("run").toString());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        Skopeo.push(TestImages.image(temp.newFolder().toPath(), "helper"), registry, "team/app:1");
    }

    @After
    public void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (env.containsKey("GNUPGHOME")) {
            run(List.of("gpgconf", "--kill", "gpg-agent"), null);
        }
    }

    private RegistryClient client() {
        client = RegistryClient.builder()
                .credentials(DockerConfigCredentials.fromEnvironment(env))
                .build();
        return client;
    }

    private ImageReference ref(String repoAndTag) {
        return ImageReference.parse(registry.reference(repoAndTag));
    }

    private void config(String json) throws IOException {
        Files.writeString(home.resolve(".docker/config.json"), json);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void debiansPassHelperGivesTheCredentialsDockerLoginStoredInIt() throws Exception {
        RequiredTools.check("docker-credential-pass", "pass", "gpg", "gpgconf");
        Path gnupg = temp.newFolder("gnupg").toPath();
        Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
        env.put("GNUPGHOME", gnupg.toString());
        env.put("PASSWORD_STORE_DIR", temp.getRoot().toPath().resolve("store").toString());
        run(
                List.of(
                        "gpg",
                        "--batch",
                        "--pinentry-mode",
                        "loopback",
                        "--passphrase",
                        "",
                        "--quick-gen-key",
                        "Image Streams Test <test@example.invalid>",
                        "default",
                        "default",
                        "never"),
                null);
        String fingerprint = run(List.of("gpg", "--list-keys", "--with-colons"), null)
                .lines()
                .filter(l -> l.startsWith("fpr:"))
                .map(l -> l.split(":")[9])
                .findFirst()
                .orElseThrow();
        run(List.of("pass", "init", fingerprint), null);
        String server = registry.host();
        run(
                List.of("docker-credential-pass", "store"),
                "{\"ServerURL\":\"" + server + "\",\"Username\":\"" + USER + "\",\"Secret\":\"token-1\"}");
        config("{\"auths\":{\"" + server + "\":{}},\"credsStore\":\"pass\"}");

        assertThat(client().resolve(ref("team/app:1")).toString()).startsWith("sha256:");
    }

    @Test
    public void expiredHelperTokenIsFetchedAgainOnceWhenTheRegistryRefusesIt() throws Exception {
        Path token = temp.getRoot().toPath().resolve("current-token");
        Path calls = temp.getRoot().toPath().resolve("calls");
        Files.writeString(token, "token-1");
        writeHelper(
                "ecr-login",
                "#!/bin/sh\nread -r server\necho called >> " + calls + "\n"
                        + "echo \"{\\\"ServerURL\\\":\\\"$server\\\",\\\"Username\\\":\\\"" + USER
                        + "\\\",\\\"Secret\\\":\\\"$(cat " + token + ")\\\"}\"\n");
        config("{\"credHelpers\":{\"" + registry.host() + "\":\"ecr-login\"}}");
        RegistryClient client = client();
        client.resolve(ref("team/app:1"));
        assertThat(Files.readAllLines(calls)).hasSize(1);

        registry.changePassword("token-2");
        Files.writeString(token, "token-2");

        assertThat(client.resolve(ref("team/app:1")).toString()).startsWith("sha256:");
        assertThat(Files.readAllLines(calls)).hasSize(2);

        Files.writeString(token, "still-wrong");
        registry.changePassword("token-3");
        assertThatThrownBy(() -> client.resolve(ref("team/app:1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(Files.readAllLines(calls)).hasSize(3);
    }

    @Test
    public void missingHelperFailsNamingItInsteadOfTheDockerLoginHint() throws Exception {
        config("{\"credHelpers\":{\"" + registry.host() + "\":\"ecr-login\"}}");

        assertThatThrownBy(() -> client().resolve(ref("team/app:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_UNAVAILABLE);
                    assertThat(e.getMessage())
                            .contains("docker-credential-ecr-login is not on PATH")
                            .contains("Install the credential helper")
                            .doesNotContain("docker login");
                });
    }

    @Test
    public void basicRegistryGetsTheAuthEntryEvenWhenItAlsoHoldsAnIdentityToken() throws Exception {
        config("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + b64(USER + ":token-1")
                + "\",\"identitytoken\":\"an-oauth-refresh-token\"}}}");

        assertThat(client().resolve(ref("team/app:1")).toString()).startsWith("sha256:");
    }

    @Test
    public void repositoryKeyWinsOverTheRegistryKey() throws Exception {
        config("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + b64(USER + ":wrong") + "\"}," + "\""
                + registry.host() + "/team/app\":{\"auth\":\"" + b64(USER + ":token-1") + "\"}}}");
        RegistryClient client = client();

        assertThat(client.resolve(ref("team/app:1")).toString()).startsWith("sha256:");
        assertThatThrownBy(() -> client.resolve(ref("team/other:1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    private void writeHelper(String name, String script) throws IOException {
        Path file = bin.resolve("docker-credential-" + name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs a set-up command with the test's environment; fails with its output if it fails. */
    private String run(List<String> command, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as(command + " finished")
                .isTrue();
        assertThat(process.exitValue()).as(command + ": " + output).isZero();
        return output;
    }
}
