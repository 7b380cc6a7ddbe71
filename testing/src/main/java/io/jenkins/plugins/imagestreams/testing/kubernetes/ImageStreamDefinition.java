package io.jenkins.plugins.imagestreams.testing.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The custom resource definition the repository ships ({@code deploy/kubernetes/imagestreams-crd.yaml}), found from any
 * module's folder, applied to a test's cluster as {@code kubectl apply -f} would.
 */
public final class ImageStreamDefinition {
    private static final Path MANIFEST = Path.of("deploy/kubernetes/imagestreams-crd.yaml");

    private ImageStreamDefinition() {}

    /** Creates the definition in {@code client}'s cluster. */
    public static void install(KubernetesClient client) {
        try (InputStream crd = Files.newInputStream(manifest())) {
            CustomResourceDefinition definition = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(crd)
                    .item();
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(definition)
                    .create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest, looked for in the working folder and the folders above it. */
    public static Path manifest() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MANIFEST))) {
                return dir.resolve(MANIFEST);
            }
        }
        throw new IllegalStateException(MANIFEST + " is not in " + Path.of("").toAbsolutePath() + " or above it");
    }
}
