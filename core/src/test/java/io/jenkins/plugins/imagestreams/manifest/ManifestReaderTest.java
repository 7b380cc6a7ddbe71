package io.jenkins.plugins.imagestreams.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** Reading stream definitions from OpenShift's own ImageStream manifests. */
public class ManifestReaderTest {
    private static final String SOURCE = "streams.yaml";

    private static Manifests read(String text) {
        return ManifestReader.read(SOURCE, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void readsOpenShiftManifestsFromSeveralDocumentsAndLists() throws Exception {
        String file =
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
                """;
        List<StreamDefinition> definitions = read(file).streams();

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
    public void aTagMayCarryGatesAndWorkloads() throws Exception {
        String file =
                """
                kind: ImageStream
                metadata: {name: myapp, namespace: app-prod}
                spec:
                  tags:
                  - name: latest
                    requireFrom: app-staging/myapp:latest
                    minimumAge: 1d
                    requireSignature:
                      identity: pattern:registry.example.com/team/*
                      publicKeys:
                      - |
                        -----BEGIN PUBLIC KEY-----
                        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
                        -----END PUBLIC KEY-----
                    workloads: [deployment/app-prod/web:app]
                """;
        TagSpec latest = read(file).streams().get(0).spec().tag("latest").orElseThrow();

        assertThat(latest.requireFrom()).contains(TagSource.ImageStreamTag.parse("app-staging/myapp:latest", "x"));
        assertThat(latest.minimumAge()).contains(Duration.ofDays(1));
        assertThat(latest.requireSignature().orElseThrow().identity()).isEqualTo("pattern:registry.example.com/team/*");
        assertThat(latest.requireSignature().orElseThrow().publicKeys().get(0))
                .startsWith("-----BEGIN PUBLIC KEY-----\nMFkw");
        assertThat(latest.workloads()).hasSize(1);
    }

    @Test
    public void aGateThatIsNotOfItsFormNamesTheTagAndTheField() throws Exception {
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec:\n  tags:\n  - name: t\n    minimumAge: soon\n",
                "tag 't': field 'minimumAge' is 'soon'; expected a duration");
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec:\n  tags:\n  - name: t\n"
                        + "    requireSignature: {publicKeys: []}\n",
                "tag 't': requireSignature needs at least one public key");
    }

    @Test
    public void crossStreamImageStreamTagWithoutAliasIsNotAnAlias() throws Exception {
        String file =
                """
                kind: ImageStream
                metadata: {name: b}
                spec:
                  tags:
                  - name: t
                    from: {kind: ImageStreamTag, name: 'a:latest'}
                """;
        assertThat(read(file).streams().get(0).spec().tag("t").orElseThrow().alias())
                .isFalse();
    }

    @Test
    public void errorsNameTheFileTheDocumentAndTheField() throws Exception {
        assertError("kind: Deployment\nmetadata: {name: x}\n", "holds no image stream, only Deployment x");
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

    @Test
    public void readsJsonIndentedWithTabsAsJson() {
        Manifests manifests = read("{\n\t\"kind\": \"ImageStream\",\n\t\"apiVersion\": \"image.openshift.io/v1\",\n"
                + "\t\"metadata\": {\n\t\t\"name\": \"httpd\"\n\t},\n\t\"spec\": {\"tags\": [{\"name\": \"2.4\",\n"
                + "\t\t\"from\": {\"kind\": \"DockerImage\", \"name\": \"registry.redhat.io/ubi9/httpd-24:latest\"},\n"
                + "\t\t\"generation\": null, \"importPolicy\": {}, \"referencePolicy\": {\"type\": \"Local\"}}]}\n}\n");

        TagSpec tag = manifests.streams().get(0).spec().tag("2.4").orElseThrow();
        assertThat(tag.from().orElseThrow().name()).isEqualTo("registry.redhat.io/ubi9/httpd-24:latest");
        assertThat(tag.referencePolicy()).isEqualTo(ReferencePolicy.LOCAL);
        assertError("{\n\t\"kind\": \"ImageStream\",\n\t\"metadata\": {\"name\": }\n}", "is not valid JSON");
        assertError("{\n\t\"kind\": \"ImageStream\",\n\t\"metadata\": {\"name\": }\n}", "(line 3, column");
    }

    @Test
    public void anImageStreamTagWithoutStreamIsATagOfTheSameStream() {
        String file =
                """
                kind: ImageStream
                metadata: {name: httpd, namespace: openshift}
                spec:
                  tags:
                  - name: latest
                    from: {kind: ImageStreamTag, name: 2.4-ubi9}
                  - name: same-namespace
                    from: {kind: ImageStreamTag, name: 2.4-ubi9, namespace: openshift}
                  - name: 2.4-ubi9
                    from: {kind: DockerImage, name: registry.redhat.io/ubi9/httpd-24:latest}
                """;

        ImageStreamSpec spec = read(file).streams().get(0).spec();

        TagSource.ImageStreamTag own = new TagSource.ImageStreamTag(StreamName.of("openshift", "httpd"), "2.4-ubi9");
        assertThat(spec.tag("latest").orElseThrow().from()).contains(own);
        assertThat(spec.tag("latest").orElseThrow().alias()).isTrue();
        assertThat(spec.tag("same-namespace").orElseThrow().from()).contains(own);
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec:\n  tags:\n  - name: t\n"
                        + "    from: {kind: ImageStreamTag, name: x, namespace: other}\n",
                "tag 't': from.name 'x' in namespace 'other' names no image stream; expected stream:tag");
    }

    @Test
    public void imageStreamListsAreReadAndOtherKindsSkippedWithAWarning() {
        String file =
                """
                kind: ImageStreamList
                apiVersion: image.openshift.io/v1
                items:
                - kind: ImageStream
                  metadata: {name: a}
                ---
                kind: List
                items:
                - kind: BuildConfig
                  metadata: {name: build-a}
                - kind: ImageStream
                  metadata: {name: b}
                - kind: Image
                  metadata: {name: sha256:0123}
                ---
                kind: Deployment
                metadata: {name: web}
                """;

        Manifests manifests = read(file);

        assertThat(manifests.streams()).extracting(d -> d.name().name()).containsExactly("a", "b");
        assertThat(manifests.warnings())
                .containsExactly(
                        "streams.yaml, document 2: skipped 2 object(s) that are not image streams:"
                                + " BuildConfig build-a, Image sha256:0123",
                        "streams.yaml, document 3: skipped 1 object(s) that are not image streams: Deployment web");
        assertError(
                "kind: List\nitems:\n- kind: BuildConfig\n  metadata: {name: b}\n",
                "streams.yaml holds no image stream, only BuildConfig b; expected kind ImageStream, or an"
                        + " ImageStreamList, List or Template holding image streams");
        assertError("kind: List\nitems: {}\n", "document 1: items must be a list");
        assertError("metadata: {name: a}\n", "document 1: kind is missing");
    }

    @Test
    public void templatesGiveTheirImageStreamsWithTheParameterValues() {
        String template =
                """
                kind: Template
                apiVersion: template.openshift.io/v1
                metadata: {name: app-template}
                objects:
                - kind: ImageStream
                  apiVersion: image.openshift.io/v1
                  metadata: {name: '${NAME}', namespace: '${NAMESPACE}'}
                  spec:
                    tags:
                    - name: '${TAG}'
                      from: {kind: DockerImage, name: 'quay.io/acme/${NAME}:${TAG}${SUFFIX}'}
                - kind: BuildConfig
                  metadata: {name: '${NAME}'}
                  spec: {secret: '${SECRET}'}
                parameters:
                - {name: NAME, value: shop, required: true}
                - {name: NAMESPACE, value: team-a}
                - {name: TAG, value: '1.2'}
                - {name: SUFFIX}
                - {name: SECRET, generate: expression, from: '[a-z]{8}'}
                """;

        Manifests manifests = read(template);

        StreamDefinition shop = manifests.streams().get(0);
        assertThat(shop.name()).isEqualTo(StreamName.of("team-a", "shop"));
        assertThat(shop.spec().tag("1.2").orElseThrow().from().orElseThrow().name())
                .isEqualTo("quay.io/acme/shop:1.2");
        assertThat(manifests.warnings()).singleElement().asString().contains("skipped 1 object(s)", "BuildConfig");
        assertError(
                template.replace("'${NAME}', namespace", "'${SECRET}', namespace"),
                "document 1, object 1: template parameter SECRET is generated by OpenShift; process the template"
                        + " first (oc process --local -f FILE -p SECRET=VALUE -o yaml)");
    }

    @Test
    public void tagsWithoutSourceTrackTheDockerImageRepository() {
        String file =
                """
                kind: ImageStream
                metadata: {name: ubuntu}
                spec:
                  dockerImageRepository: docker.io/library/ubuntu
                  tags:
                  - name: '24.04'
                  - name: lts
                    from: {kind: ImageStreamTag, name: '24.04'}
                    importPolicy: {scheduled: false}
                ---
                kind: ImageStream
                metadata: {name: whole-repository}
                spec: {dockerImageRepository: quay.io/acme/api}
                """;

        Manifests manifests = read(file);

        ImageStreamSpec ubuntu = manifests.streams().get(0).spec();
        assertThat(ubuntu.tag("24.04").orElseThrow().from())
                .contains(new TagSource.DockerImage(ImageReference.parse("docker.io/library/ubuntu:24.04")));
        assertThat(ubuntu.tag("lts").orElseThrow().alias()).isTrue();
        assertThat(ubuntu.repository())
                .as("the stream's own repository is another thing")
                .isEmpty();
        assertThat(manifests.warnings())
                .containsExactly("streams.yaml, document 2 (default/whole-repository): spec.dockerImageRepository"
                        + " quay.io/acme/api has no spec tags; OpenShift imports the repository's tags by itself, here"
                        + " only spec tags are imported: list the tags to follow, or run 'imagestreams import-image"
                        + " default/whole-repository --from quay.io/acme/api --all'");
        assertError(
                "kind: ImageStream\nmetadata: {name: a}\nspec: {dockerImageRepository: 'quay.io/acme/api:1'}\n",
                "spec.dockerImageRepository 'quay.io/acme/api:1' names a tag or digest");
    }

    @Test
    public void anEmptyImportModeIsLegacyOnlyForATagThatPrefersAPlatform() {
        String file =
                """
                kind: ImageStream
                metadata: {name: multiarch}
                spec:
                  tags:
                  - name: s390x
                    from: {kind: DockerImage, name: quay.io/acme/app:1}
                    annotations: {importer.image.openshift.io/prefer-arch: s390x}
                  - name: linux
                    from: {kind: DockerImage, name: quay.io/acme/app:1}
                    annotations: {importer.image.openshift.io/prefer-os: linux}
                  - name: whole
                    from: {kind: DockerImage, name: quay.io/acme/app:1}
                  - name: asked
                    from: {kind: DockerImage, name: quay.io/acme/app:1}
                    annotations: {importer.image.openshift.io/prefer-arch: arm64}
                    importPolicy: {importMode: PreserveOriginal}
                """;

        ImageStreamSpec spec = read(file).streams().get(0).spec();

        assertThat(spec.tag("s390x").orElseThrow().importPolicy().importMode()).isEqualTo(ImportMode.LEGACY);
        assertThat(spec.tag("linux").orElseThrow().importPolicy().importMode()).isEqualTo(ImportMode.LEGACY);
        assertThat(spec.tag("whole").orElseThrow().importPolicy().importMode()).isEqualTo(ImportMode.PRESERVE_ORIGINAL);
        assertThat(spec.tag("asked").orElseThrow().importPolicy().importMode()).isEqualTo(ImportMode.PRESERVE_ORIGINAL);
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> read(text))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageStartingWith(SOURCE)
                .hasMessageContaining(message);
    }
}
