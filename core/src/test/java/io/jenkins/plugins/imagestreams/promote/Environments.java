package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryEndpoint;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Three environments as OpenShift users build them: {@code app-dev/myapp} imports what CI pushes to
 * {@code <prefix>/ci/myapp:latest}; {@code app-staging/myapp} and {@code app-prod/myapp} each have their own repository
 * ({@code <prefix>/app-staging/myapp}, {@code <prefix>/app-prod/myapp}); prod's {@code latest} uses the Local reference
 * policy and accepts only what staging had.
 */
final class Environments {
    static final StreamName DEV = StreamName.of("app-dev", "myapp");
    static final StreamName STAGING = StreamName.of("app-staging", "myapp");
    static final StreamName PROD = StreamName.of("app-prod", "myapp");
    static final TagSource.ImageStreamTag DEV_LATEST = new TagSource.ImageStreamTag(DEV, "latest");
    static final TagSource.ImageStreamTag STAGING_LATEST = new TagSource.ImageStreamTag(STAGING, "latest");
    static final TagSource.ImageStreamTag PROD_LATEST = new TagSource.ImageStreamTag(PROD, "latest");

    final RegistryEndpoint ci;
    final String prefix;
    final StreamStore store;
    final Importer importer;

    Environments(
            RegistryEndpoint ci,
            RegistryEndpoint targets,
            String prefix,
            StreamStore store,
            RegistryClient client,
            Clock clock) {
        this.ci = ci;
        this.prefix = prefix;
        this.store = store;
        this.importer = new Importer(client, store, clock, name -> {});
        ImageReference source = ImageReference.parse(ci.host() + "/" + prefix + "/ci/myapp:latest");
        store.save(
                ImageStream.create(
                        DEV, ImageStreamSpec.empty().withTag(TagSpec.of("latest", new TagSource.DockerImage(source)))),
                StreamStore.NEW);
        store.save(
                ImageStream.create(STAGING, ImageStreamSpec.empty().withRepository(repository(targets, "app-staging"))),
                StreamStore.NEW);
        store.save(
                ImageStream.create(
                        PROD,
                        ImageStreamSpec.empty()
                                .withRepository(repository(targets, "app-prod"))
                                .withTag(TagSpec.withoutSource("latest")
                                        .withReferencePolicy(ReferencePolicy.LOCAL)
                                        .withRequireFrom(STAGING_LATEST))),
                StreamStore.NEW);
    }

    ImageReference repository(RegistryEndpoint registry, String namespace) {
        return ImageReference.parse(registry.host() + "/" + prefix + "/" + namespace + "/myapp");
    }

    /** CI pushes {@code image} and dev imports it. */
    Digest build(OciLayout image) {
        Digest pushed = Digest.parse(Skopeo.push(image, ci, prefix + "/ci/myapp:latest"));
        importer.importTag(DEV, "latest");
        return pushed;
    }

    /** Every file under {@code root} with its bytes, to show that nothing was written. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(
                        root.relativize(file).toString(),
                        new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
