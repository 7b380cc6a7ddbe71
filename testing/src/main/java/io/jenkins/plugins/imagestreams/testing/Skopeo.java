package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes and inspects images with {@code skopeo}, an independent client, passing the TLS and credential flags that
 * the {@link RegistryEndpoint} needs. Every call has a timeout; a failure throws with skopeo's stderr.
 *
 * <p>skopeo keeps a blob-info cache and may mount blobs from other repositories when it knows them; tests must not
 * depend on whether it mounts or uploads.
 */
public final class Skopeo {
    static final Duration COPY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(60);

    private Skopeo() {}

    /**
     * Pushes {@code layout} byte for byte (with {@code --all} for an index) to {@code repoAndTag}.
     *
     * @return the digest skopeo reports for the pushed image, {@code sha256:<hex>}, equal to {@link
     *     OciLayout#digest()}
     * @throws IllegalStateException with skopeo's stderr if the copy fails
     */
    public static String push(OciLayout layout, RegistryEndpoint registry, String repoAndTag) {
        return copy(layout, registry, repoAndTag, List.of());
    }

    /**
     * Pushes {@code layout} converted to Docker media types ({@code --format v2s2}): a Docker v2 manifest, or a Docker
     * manifest list for an index. The digest differs from the layout's.
     *
     * @return the digest of the pushed Docker-typed manifest or list
     */
    public static String pushDocker(OciLayout layout, RegistryEndpoint registry, String repoAndTag) {
        return copy(layout, registry, repoAndTag, List.of("--format", "v2s2"));
    }

    /** The digest of the manifest {@code repoAndTag} resolves to: sha256 of {@code skopeo inspect --raw}. */
    public static String inspectDigest(RegistryEndpoint registry, String repoAndTag) {
        return Sha256.of(rawManifest(registry, repoAndTag));
    }

    /** The exact manifest (or index) bytes the registry serves for {@code repoAndTag}. */
    public static byte[] rawManifest(RegistryEndpoint registry, String repoAndTag) {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
        command.addAll(flags(registry, ""));
        command.add("docker://" + registry.host() + "/" + repoAndTag);
        return run(INSPECT_TIMEOUT, command).stdout();
    }

    private static String copy(OciLayout layout, RegistryEndpoint registry, String repoAndTag, List<String> extra) {
        Path digestFile = tempFile();
        try {
            List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet"));
            if (layout.isIndex()) {
                command.add("--all");
            }
            command.addAll(extra);
            command.addAll(flags(registry, "dest-"));
            command.addAll(List.of("--digestfile", digestFile.toString()));
            command.add(layout.transportReference());
            command.add("docker://" + registry.host() + "/" + repoAndTag);
            run(COPY_TIMEOUT, command);
            return Sha256.requireValid(Files.readString(digestFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(digestFile);
            } catch (IOException ignored) {
                // a leftover temp file of 71 bytes is harmless
            }
        }
    }

    /** TLS and credential flags for the docker:// side; {@code prefix} is "dest-" for copy targets. */
    static List<String> flags(RegistryEndpoint registry, String prefix) {
        List<String> flags = new ArrayList<>();
        if (!registry.isTls()) {
            flags.add("--" + prefix + "tls-verify=false");
        } else {
            registry.caCertificate()
                    .ifPresent(ca -> flags.addAll(
                            List.of("--" + prefix + "cert-dir", certDir(ca).toString())));
        }
        if (registry.username().isPresent()) {
            flags.add("--" + prefix + "creds");
            flags.add(registry.username().get() + ":" + registry.password().orElse(""));
        }
        return flags;
    }

    /** A directory next to the CA PEM holding it as {@code ca.crt}, the layout skopeo's cert-dir expects. */
    private static synchronized Path certDir(Path caPem) {
        Path dir = caPem.toAbsolutePath().getParent().resolve("skopeo-cert-dir");
        try {
            Files.createDirectories(dir);
            Files.copy(caPem, dir.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Commands.Result run(Duration timeout, List<String> command) {
        RequiredTools.check("skopeo");
        return Commands.run(timeout, command).orThrow();
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("skopeo-digest-", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
