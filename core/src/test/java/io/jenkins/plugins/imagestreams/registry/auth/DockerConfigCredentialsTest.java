package io.jenkins.plugins.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.registry.Credentials;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DockerConfigCredentialsTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String json) throws Exception {
        Path file = temp.newFile().toPath();
        Files.writeString(file, json);
        return file;
    }

    @Test
    public void readsAuthUsernamePasswordAndIdentityTokenEntries() throws Exception {
        Path file = write("{\"auths\":{"
                + "\"localhost:5000\":{\"auth\":\"" + b64("testuser:pa:ss") + "\"},"
                + "\"https://quay.io\":{\"username\":\"robot\",\"password\":\"pw\"},"
                + "\"myacr.azurecr.io\":{\"auth\":\"\",\"identitytoken\":\"refresh\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:hubpw") + "\"},"
                + "\"empty.example\":{}"
                + "},\"credsStore\":\"desktop\"}");
        DockerConfigCredentials creds = DockerConfigCredentials.read(file);

        assertThat(creds.forRegistry("localhost:5000")).contains(new Credentials("testuser", "pa:ss"));
        assertThat(creds.forRegistry("quay.io")).contains(new Credentials("robot", "pw"));
        assertThat(creds.forRegistry("myacr.azurecr.io")).contains(Credentials.identityToken("refresh"));
        assertThat(creds.forRegistry("docker.io")).contains(new Credentials("hub", "hubpw"));
        assertThat(creds.forRegistry("registry-1.docker.io")).contains(new Credentials("hub", "hubpw"));
        assertThat(creds.forRegistry("empty.example")).isEmpty();
        assertThat(creds.forRegistry("other.example")).isEmpty();
        assertThat(creds.toString()).doesNotContain("hubpw").doesNotContain("pa:ss");
    }

    @Test
    public void registryAuthFileWinsOverDockerConfig() throws Exception {
        Path podman = write("{\"auths\":{\"r.example\":{\"auth\":\"" + b64("podman:1") + "\"}}}");
        Path dockerDir = temp.newFolder().toPath();
        Files.writeString(
                dockerDir.resolve("config.json"), "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("docker:2") + "\"}}}");

        var both = DockerConfigCredentials.fromEnvironment(
                Map.of("REGISTRY_AUTH_FILE", podman.toString(), "DOCKER_CONFIG", dockerDir.toString()), Path.of("/"));
        var dockerOnly =
                DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dockerDir.toString()), Path.of("/"));

        assertThat(both.forRegistry("r.example")).map(Credentials::username).contains("podman");
        assertThat(dockerOnly.forRegistry("r.example"))
                .map(Credentials::username)
                .contains("docker");
    }

    @Test
    public void homeDockerConfigIsTheDefaultAndMayBeMissing() throws Exception {
        Path home = temp.newFolder().toPath();
        assertThat(DockerConfigCredentials.fromEnvironment(Map.of(), home).forRegistry("r.example"))
                .isEmpty();
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(
                home.resolve(".docker/config.json"), "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("u:p") + "\"}}}");
        assertThat(DockerConfigCredentials.fromEnvironment(Map.of(), home).forRegistry("r.example"))
                .contains(new Credentials("u", "p"));
    }

    @Test
    public void malformedAuthIsReportedWithTheRegistryButNotTheSecret() throws Exception {
        Path file = write("{\"auths\":{\"r.example\":{\"auth\":\"" + b64("no-colon-secret") + "\"}}}");
        assertThatThrownBy(() -> DockerConfigCredentials.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("r.example")
                .hasMessageNotContaining("no-colon-secret");
    }
}
