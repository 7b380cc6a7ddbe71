package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading stream definitions from OpenShift's own ImageStream YAML. */
public class StreamConfigTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String yaml) throws Exception {
        Path file = tmp.newFile().toPath();
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    public void readsOpenShiftManifestsFromSeveralDocumentsAndLists() throws Exception {
        Path file = write(
                """
                apiVersion: image.openshift.io/v1
                kind: ImageStream
                metadata:
                  name: myapp
                  namespace: app-dev
                  labels: {team: a}
                spec:
                  lookupPolicy: {local: false}
                  tags:
                  - name: latest
                    from: {kind: DockerImage, name: quay.io/acme/myapp:latest}
                    importPolicy: {scheduled: true, insecure: true, importMode: Legacy}
                    referencePolicy: {type: Local}
                    annotations: {importer.image.openshift.io/prefer-arch: arm64}
                  - name: stable
                    from: {kind: ImageStreamTag, name: 'myapp:latest'}
                status: {dockerImageRepository: ignored}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: image.openshift.io/v1
                  kind: ImageStream
                  metadata: {name: myapp, namespace: app-prod}
                  spec:
                    repository: registry.example.com/prod/myapp
                    historyLimit: 3
                    tags:
                    - name: latest
                    - name: from-dev
                      from: {kind: ImageStreamTag, name: 'myapp:latest', namespace: app-dev}
                      alias: true
                - kind: ImageStream
                  metadata: {name: other}
                """);
        List<StreamDefinition> definitions = StreamConfig.read(file);

        assertThat(definitions)
                .extracting(StreamDefinition::name)
                .containsExactly(
                        StreamName.of("app-dev", "myapp"),
                        StreamName.of("app-prod", "myapp"),
                        StreamName.of("default", "other"));
        TagSpec latest = definitions.get(0).spec().tag("latest").orElseThrow();
        assertThat(latest.from())
                .contains(new TagSource.DockerImage(
                        io.jenkins.plugins.imagestreams.reference.ImageReference.parse("quay.io/acme/myapp:latest")));
        assertThat(latest.importPolicy().scheduled()).isTrue();
        assertThat(latest.importPolicy().insecure()).isTrue();
        assertThat(latest.importPolicy().importMode()).isEqualTo(ImportMode.LEGACY);
        assertThat(latest.referencePolicy()).isEqualTo(ReferencePolicy.LOCAL);
        assertThat(latest.annotations()).containsEntry(TagSpec.PREFER_ARCH, "arm64");
        TagSpec stable = definitions.get(0).spec().tag("stable").orElseThrow();
        assertThat(stable.alias())
                .as("a same-stream ImageStreamTag tracks its source")
                .isTrue();

        assertThat(definitions.get(1).spec().repository().orElseThrow().name())
                .isEqualTo("registry.example.com/prod/myapp");
        assertThat(definitions.get(1).spec().historyLimit()).isEqualTo(3);
        assertThat(definitions.get(1).spec().tag("latest").orElseThrow().from()).isEmpty();
        TagSpec fromDev = definitions.get(1).spec().tag("from-dev").orElseThrow();
        assertThat(fromDev.alias()).isTrue();
        assertThat(fromDev.from()).contains(new TagSource.ImageStreamTag(StreamName.of("app-dev", "myapp"), "latest"));
        assertThat(definitions.get(2).spec().tags()).isEmpty();
    }

    @Test
    public void crossStreamImageStreamTagWithoutAliasIsNotAnAlias() throws Exception {
        Path file = write(
                """
                kind: ImageStream
                metadata: {name: b}
                spec:
                  tags:
                  - name: t
                    from: {kind: ImageStreamTag, name: 'a:latest'}
                """);
        assertThat(StreamConfig.read(file).get(0).spec().tag("t").orElseThrow().alias())
                .isFalse();
    }

    @Test
    public void errorsNameTheFileTheDocumentAndTheField() throws Exception {
        assertError("kind: Deployment\nmetadata: {name: x}\n", "document 1: kind is 'Deployment'");
        assertError("kind: ImageStream\nmetadata: {namespace: a}\n", "document 1: metadata.name is missing");
        assertError("kind: ImageStream\nmetadata: {name: Bad_Name}\n", "is not a DNS-1123 label");
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\n---\nkind: ImageStream\nmetadata: {name: a}\n",
                "document 2: image stream default/a is defined twice");
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec:\n  tags:\n  - name: t\n"
                        + "    importPolicy: {scheduled: 'yes'}\n",
                "tag 't': scheduled must be true or false");
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec:\n  tags:\n  - name: t\n"
                        + "    from: {kind: ImageStreamTag, name: 'b:x'}\n    importPolicy: {scheduled: true}\n",
                "tag 't': only tags pointing to registry images");
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec:\n  tags:\n  - name: t\n"
                        + "    from: {kind: DockerImage, name: x}\n    importPolicy: {importMode: Whole}\n",
                "import mode 'Whole'");
        assertError("kind: ImageStream\nmetadata: {name: a\n", "is not valid YAML");
        assertError("apiVersion: apps/v1\nkind: ImageStream\nmetadata: {name: a}\n", "apiVersion 'apps/v1'");
    }

    private void assertError(String yaml, String message) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> StreamConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }
}
