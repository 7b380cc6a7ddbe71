package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PlainRegistryFixtureTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Test
    public void pushedImageDigestAgreesThroughRegistryApiAndSkopeo() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "plain push");

        String pushed = Skopeo.push(image, REGISTRY, "demo/app:1");

        assertThat(pushed).isEqualTo(image.digest());
        assertThat(new RawRegistryHttp(REGISTRY).digest("demo/app", "1")).contains(image.digest());
        assertThat(Skopeo.inspectDigest(REGISTRY, "demo/app:1")).isEqualTo(image.digest());
        assertThat(Skopeo.rawManifest(REGISTRY, "demo/app:1")).isEqualTo(image.manifestBytes());
    }

    @Test
    public void overwritingTagChangesTheDigestTheRegistryReports() throws Exception {
        OciLayout v1 = TestImages.image(TMP.newFolder().toPath(), "overwrite v1");
        OciLayout v2 = TestImages.image(TMP.newFolder().toPath(), "overwrite v2");
        RawRegistryHttp http = new RawRegistryHttp(REGISTRY);

        Skopeo.push(v1, REGISTRY, "demo/overwrite:latest");
        assertThat(http.digest("demo/overwrite", "latest")).contains(v1.digest());
        Skopeo.push(v2, REGISTRY, "demo/overwrite:latest");

        assertThat(v2.digest()).isNotEqualTo(v1.digest());
        assertThat(http.digest("demo/overwrite", "latest")).contains(v2.digest());
        assertThat(Skopeo.inspectDigest(REGISTRY, "demo/overwrite:latest")).isEqualTo(v2.digest());
    }

    @Test
    public void multiPlatformIndexKeepsItsDigestAndMediaType() throws Exception {
        OciLayout index =
                TestImages.index(TMP.newFolder().toPath(), "multi", "linux/amd64", "linux/arm64", "linux/arm/v7");

        Skopeo.push(index, REGISTRY, "demo/multi:1");

        HttpResponse<Void> head = new RawRegistryHttp(REGISTRY).headManifest("demo/multi", "1");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).contains(OciLayout.OCI_INDEX);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(index.digest());
        assertThat(Skopeo.inspectDigest(REGISTRY, "demo/multi:1")).isEqualTo(index.digest());
    }

    @Test
    public void dockerFormatPushIsServedAsDockerManifestWithItsOwnDigest() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "docker typed");

        String pushed = Skopeo.pushDocker(image, REGISTRY, "demo/docker:1");

        HttpResponse<Void> head = new RawRegistryHttp(REGISTRY).headManifest("demo/docker", "1");
        assertThat(pushed).isNotEqualTo(image.digest());
        assertThat(head.headers().firstValue("Content-Type"))
                .contains("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(pushed);
    }

    @Test
    public void dockerFormatPushOfAnIndexIsServedAsDockerManifestList() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "docker list", "linux/amd64", "linux/arm64");

        String pushed = Skopeo.pushDocker(index, REGISTRY, "demo/dockerlist:1");

        HttpResponse<Void> head = new RawRegistryHttp(REGISTRY).headManifest("demo/dockerlist", "1");
        assertThat(head.headers().firstValue("Content-Type"))
                .contains("application/vnd.docker.distribution.manifest.list.v2+json");
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(pushed);
        assertThat(Skopeo.inspectDigest(REGISTRY, "demo/dockerlist:1")).isEqualTo(pushed);
    }

    @Test
    public void missingTagIsNotFound() throws Exception {
        assertThat(new RawRegistryHttp(REGISTRY)
                        .headManifest("demo/none", "nope")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    public void restartKeepsContentAndPort() throws Exception {
        try (RegistryFixture registry = RegistryFixture.plain().start()) {
            OciLayout image = TestImages.image(TMP.newFolder().toPath(), "survives restart");
            Skopeo.push(image, registry, "demo/restart:1");
            int port = registry.port();

            registry.stop();
            assertThat(registry.isRunning()).isFalse();
            registry.restart();

            assertThat(registry.port()).isEqualTo(port);
            assertThat(new RawRegistryHttp(registry).digest("demo/restart", "1"))
                    .contains(image.digest());
        }
    }

    @Test
    public void closeStopsTheRegistryAndDeletesItsDirectory() throws Exception {
        RegistryFixture registry = RegistryFixture.plain().start();
        Path workDir = registry.workDir();
        assertThat(Files.isDirectory(registry.storageDir())).isTrue();

        registry.close();

        assertThat(registry.isRunning()).isFalse();
        assertThat(workDir).doesNotExist();
    }

    @Test
    public void registryLogsRequestsOnlyWhenAccessLogIsAsked() throws Exception {
        try (RegistryFixture verbose =
                RegistryFixture.builder().accessLog().build().start()) {
            new RawRegistryHttp(REGISTRY).headManifest("demo/quiet", "1");
            new RawRegistryHttp(verbose).headManifest("demo/loud", "1");

            assertThat(REGISTRY.log()).doesNotContain("\"HEAD /v2/demo/quiet/manifests/1 HTTP/1.1\"");
            assertThat(verbose.log()).contains("\"HEAD /v2/demo/loud/manifests/1 HTTP/1.1\"");
        }
    }

    @Test
    public void addressesNameTheLoopbackPort() {
        assertThat(REGISTRY.url().toString()).isEqualTo("http://127.0.0.1:" + REGISTRY.port());
        assertThat(REGISTRY.host()).isEqualTo("127.0.0.1:" + REGISTRY.port());
        assertThat(REGISTRY.reference("demo/app:1")).isEqualTo(REGISTRY.host() + "/demo/app:1");
        assertThat(REGISTRY.isTls()).isFalse();
        assertThat(REGISTRY.caCertificate()).isEmpty();
    }
}
