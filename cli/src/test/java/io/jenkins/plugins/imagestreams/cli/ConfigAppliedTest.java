package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The config file applied on top of the store at the start of each command, against the real registry. */
public class ConfigAppliedTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Cli cli;
    private Path config;

    @Before
    public void setUp() throws Exception {
        cli = new Cli(tmp.newFolder("store").toPath());
        config = cli.store().resolve("streams.yaml");
    }

    private void writeConfig(String source) throws Exception {
        Files.writeString(
                config,
                """
                apiVersion: image.openshift.io/v1
                kind: ImageStream
                metadata: {name: cfgapp, namespace: app-dev}
                spec:
                  tags:
                  - name: latest
                    from: {kind: DockerImage, name: '%s'}
                    importPolicy: {scheduled: true}
                ---
                apiVersion: image.openshift.io/v1
                kind: ImageStream
                metadata: {name: cfgapp, namespace: app-prod}
                spec:
                  tags:
                  - name: latest
                """
                        .formatted(source));
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exit()).as(String.join(" ", args) + "\n" + result).isZero();
        return result;
    }

    @Test
    public void storeDefaultConfigDefinesStreamsThatCommandsImportTagAndPromote() throws Exception {
        Digest v1 = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "cfg v1"), REGISTRY, "demo/cfgapp:1"));
        writeConfig(REGISTRY.host() + "/demo/cfgapp:1");

        String describe = ok("describe", "app-dev/cfgapp").out();
        assertThat(describe)
                .contains("updates automatically from registry " + REGISTRY.host() + "/demo/cfgapp:1")
                .contains("~ importing latest image");
        assertThat(ok("import-image", "app-dev/cfgapp").out()).contains("imported " + v1);

        Map<String, String> before = cli.snapshot();
        ok("get", "streams");
        ok("get", "tags");
        assertThat(cli.snapshot())
                .as("applying the same config again writes nothing")
                .isEqualTo(before);

        assertThat(ok("promote", "app-dev/cfgapp:latest", "--to", "app-prod/cfgapp:latest")
                        .out())
                .contains("Promoted " + v1);
        ok("tag", "app-dev/cfgapp:latest", "app-dev/cfgapp:made-by-command");
        assertThat(ok("get", "tags", "cfgapp").out())
                .as("a config tag without source may be promoted into, and command tags stay")
                .contains("app-prod")
                .contains("cfgapp:made-by-command");
        JsonNode prod = ok("history", "app-prod/cfgapp:latest", "-o", "json").json();
        assertThat(prod.path("items").get(0).path("image").asText()).isEqualTo(v1.toString());
    }

    @Test
    public void commandsMayNotChangeATagTheConfigOwns() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "owned v1"), REGISTRY, "demo/owned:1");
        writeConfig(REGISTRY.host() + "/demo/owned:1");
        ok("import-image", "app-dev/cfgapp");
        Map<String, String> before = cli.snapshot();

        Cli.Result moved = cli.run("import-image", "app-dev/cfgapp:latest", "--from", REGISTRY.host() + "/demo/x:2");
        assertThat(moved.exit()).isEqualTo(Main.FAILURE);
        assertThat(moved.err()).contains("the tag is defined in " + config).contains("change it there");
        Cli.Result deleted = cli.run("tag", "-d", "app-dev/cfgapp:latest");
        assertThat(deleted.exit()).isEqualTo(Main.FAILURE);
        Cli.Result tagged = cli.run("tag", "app-prod/cfgapp:latest", "app-dev/cfgapp:latest");
        assertThat(tagged.exit()).isEqualTo(Main.FAILURE);
        assertThat(cli.snapshot()).isEqualTo(before);

        Cli.Result same = cli.run("import-image", "app-dev/cfgapp:latest", "--from", REGISTRY.host() + "/demo/owned:1");
        assertThat(same.exit()).as("the config's own source is fine: " + same).isZero();
    }

    @Test
    public void editingTheConfigChangesTheSpecAndKeepsTheHistory() throws Exception {
        Digest v1 = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "edit v1"), REGISTRY, "demo/edit:1"));
        Digest v2 = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "edit v2"), REGISTRY, "demo/edit:2"));
        writeConfig(REGISTRY.host() + "/demo/edit:1");
        ok("import-image", "app-dev/cfgapp");
        writeConfig(REGISTRY.host() + "/demo/edit:2");

        assertThat(ok("describe", "app-dev/cfgapp").out())
                .contains("updates automatically from registry " + REGISTRY.host() + "/demo/edit:2")
                .contains("~ importing latest image")
                .contains(v1.shortForm());
        ok("import-image", "app-dev/cfgapp");
        JsonNode history = ok("history", "app-dev/cfgapp:latest", "-o", "json").json();
        assertThat(history.path("items")).hasSize(2);
        assertThat(history.path("items").get(0).path("image").asText()).isEqualTo(v2.toString());
    }

    @Test
    public void aTabIndentedJsonListAsOpenShiftPublishesItImportsAndItsSameStreamTagFollows() throws Exception {
        Digest v1 = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "json v1"), REGISTRY, "demo/httpd:2.4"));
        Files.writeString(
                config,
                ("{\n\t\"kind\": \"List\",\n\t\"items\": [\n\t\t{\"kind\": \"BuildConfig\", \"metadata\": {\"name\": \"web\"}},\n"
                                + "\t\t{\"kind\": \"ImageStream\", \"apiVersion\": \"image.openshift.io/v1\",\n"
                                + "\t\t \"metadata\": {\"name\": \"httpd\"},\n\t\t \"spec\": {\"tags\": [\n"
                                + "\t\t\t{\"name\": \"latest\", \"from\": {\"kind\": \"ImageStreamTag\", \"name\": \"2.4\"}},\n"
                                + "\t\t\t{\"name\": \"2.4\", \"from\": {\"kind\": \"DockerImage\", \"name\": \"%s\"},\n"
                                + "\t\t\t \"generation\": null, \"importPolicy\": {}}]}}\n\t]\n}\n")
                        .formatted(REGISTRY.host() + "/demo/httpd:2.4"));

        Cli.Result imported = ok("import-image", "default/httpd:2.4");

        assertThat(imported.err())
                .contains("imagestreams: warning: config file "
                        + config.toAbsolutePath().normalize()
                        + ", document 1: skipped 1 object(s) that are not image streams: BuildConfig web");
        JsonNode latest = ok("history", "default/httpd:latest", "-o", "json").json();
        assertThat(latest.path("items").get(0).path("image").asText()).isEqualTo(v1.toString());
    }

    @Test
    public void anExplicitConfigFileIsUsedInsteadOfTheStoreDefault() throws Exception {
        writeConfig(REGISTRY.host() + "/demo/never:1");
        Path other = tmp.newFile("other.yaml").toPath();
        Files.writeString(other, "kind: ImageStream\nmetadata: {name: elsewhere, namespace: team}\n");
        String streams = ok("--config", other.toString(), "get", "streams").out();
        assertThat(streams).contains("elsewhere").doesNotContain("cfgapp");
    }
}
