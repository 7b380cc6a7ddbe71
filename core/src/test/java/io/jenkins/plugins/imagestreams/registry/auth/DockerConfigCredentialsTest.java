package io.jenkins.plugins.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
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
        DockerConfigCredentials creds = DockerConfigCredentials.read(file, Map.of("PATH", ""));

        assertThat(creds.forRegistry("localhost:5000")).contains(new Credentials("testuser", "pa:ss"));
        assertThat(creds.forRegistry("quay.io")).contains(new Credentials("robot", "pw"));
        assertThat(creds.forRegistry("myacr.azurecr.io")).contains(Credentials.identityToken("refresh"));
        assertThat(creds.forRegistry("docker.io")).contains(new Credentials("hub", "hubpw"));
        assertThat(creds.forRegistry("registry-1.docker.io")).contains(new Credentials("hub", "hubpw"));
        assertThat(creds.toString()).doesNotContain("hubpw").doesNotContain("pa:ss");
        assertThatThrownBy(() -> creds.forRegistry("empty.example"))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("docker-credential-desktop is not on PATH")
                .hasMessageContaining("credsStore in " + file);
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

    @Test
    public void mostSpecificRepositoryKeyWinsAndKeysDoNotCollapseToTheHost() throws Exception {
        Path file = write("{\"auths\":{"
                + "\"r.example/team/app\":{\"auth\":\"" + b64("app:1") + "\"},"
                + "\"r.example/team\":{\"auth\":\"" + b64("team:2") + "\"},"
                + "\"r.example\":{\"auth\":\"" + b64("host:3") + "\"},"
                + "\"r.example/zzz\":{\"auth\":\"" + b64("zzz:4") + "\"}"
                + "}}");
        DockerConfigCredentials creds = DockerConfigCredentials.read(file, Map.of());

        assertThat(creds.forRepository(ImageReference.parse("r.example/team/app:1"), AuthScheme.BASIC))
                .contains(new Credentials("app", "1"));
        assertThat(creds.forRepository(ImageReference.parse("r.example/team/app/sub:1"), AuthScheme.BASIC))
                .contains(new Credentials("app", "1"));
        assertThat(creds.forRepository(ImageReference.parse("r.example/team/other:1"), AuthScheme.BASIC))
                .contains(new Credentials("team", "2"));
        assertThat(creds.forRepository(ImageReference.parse("r.example/teammate/x:1"), AuthScheme.BASIC))
                .contains(new Credentials("host", "3"));
        assertThat(creds.forRegistry("r.example")).contains(new Credentials("host", "3"));
    }

    @Test
    public void identityTokenIsForTheTokenFlowAndBasicRegistriesGetTheAuthEntry() throws Exception {
        Path file = write("{\"auths\":{\"r.example\":{\"auth\":\"" + b64("user:pw") + "\","
                + "\"identitytoken\":\"refresh-token\"}}}");
        DockerConfigCredentials creds = DockerConfigCredentials.read(file, Map.of());
        ImageReference ref = ImageReference.parse("r.example/app:1");

        assertThat(creds.forRepository(ref, AuthScheme.BASIC)).contains(new Credentials("user", "pw"));
        assertThat(creds.forRepository(ref, AuthScheme.BEARER)).contains(Credentials.identityToken("refresh-token"));
    }

    @Test
    public void homeIsTheHomeVariableBeforeJavasUserHome() throws Exception {
        Path home = temp.newFolder().toPath();
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(
                home.resolve(".docker/config.json"), "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("u:p") + "\"}}}");

        assertThat(DockerConfigCredentials.fromEnvironment(
                                Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", "/nonexistent"))
                        .forRegistry("r.example"))
                .contains(new Credentials("u", "p"));
    }

    @Test
    public void filesAreAskedInTheOrderOfSkopeoAndPodman() throws Exception {
        Path home = Path.of("/home/u");
        assertThat(DockerConfigCredentials.lookupOrder(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home))
                .containsExactly(
                        new DockerConfigCredentials.AuthPath(Path.of("/run/user/1000/containers/auth.json"), false),
                        new DockerConfigCredentials.AuthPath(Path.of("/home/u/.config/containers/auth.json"), false),
                        new DockerConfigCredentials.AuthPath(Path.of("/home/u/.docker/config.json"), false),
                        new DockerConfigCredentials.AuthPath(Path.of("/home/u/.dockercfg"), true));
        assertThat(DockerConfigCredentials.lookupOrder(
                        Map.of("XDG_RUNTIME_DIR", "/r", "XDG_CONFIG_HOME", "/c", "DOCKER_CONFIG", "/d"), home))
                .extracting(DockerConfigCredentials.AuthPath::path)
                .containsExactly(
                        Path.of("/r/containers/auth.json"),
                        Path.of("/c/containers/auth.json"),
                        Path.of("/d/config.json"),
                        Path.of("/home/u/.dockercfg"));
        assertThat(DockerConfigCredentials.lookupOrder(
                        Map.of("REGISTRY_AUTH_FILE", "/a.json", "DOCKER_CONFIG", "/d"), home))
                .extracting(DockerConfigCredentials.AuthPath::path)
                .containsExactly(Path.of("/a.json"));
    }

    @Test
    public void firstFileWithCredentialsForTheRepositoryWins() throws Exception {
        Path home = temp.newFolder().toPath();
        Path runtime = temp.newFolder().toPath();
        Files.createDirectories(runtime.resolve("containers"));
        Files.writeString(
                runtime.resolve("containers/auth.json"),
                "{\"auths\":{\"r.example/podman-only\":{\"auth\":\"" + b64("podman:1") + "\"}}}");
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(
                home.resolve(".docker/config.json"),
                "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("docker:2") + "\"}}}");
        Files.writeString(home.resolve(".dockercfg"), "{\"legacy.example\":{\"auth\":\"" + b64("old:3") + "\"}}");
        var creds = DockerConfigCredentials.fromEnvironment(
                Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString()));

        assertThat(creds.forRepository(ImageReference.parse("r.example/podman-only:1"), AuthScheme.BASIC))
                .map(Credentials::username)
                .contains("podman");
        assertThat(creds.forRepository(ImageReference.parse("r.example/other:1"), AuthScheme.BASIC))
                .map(Credentials::username)
                .contains("docker");
        assertThat(creds.forRegistry("legacy.example"))
                .map(Credentials::username)
                .contains("old");
        assertThat(creds.files()).hasSize(3);
    }
}
