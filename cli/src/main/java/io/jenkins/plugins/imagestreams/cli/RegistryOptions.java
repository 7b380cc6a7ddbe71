package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.registry.auth.DockerConfigCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a command reaches registries, global options given before or after the subcommand: credentials from the auth
 * files and credential helpers of {@code docker login} and {@code podman login}, as skopeo and podman read them
 * ({@link DockerConfigCredentials}), unless {@code --creds} names them; system trust unless {@code --registry-ca}
 * adds a CA; TLS verified unless {@code --insecure}.
 */
final class RegistryOptions {
    private String creds;
    private Path registryCa;
    private boolean insecure;

    /** Adds these options to the root command, whose subcommands inherit them. */
    void define(CommandModel m) {
        m.option("--creds")
                .inherited()
                .label("USER:PASSWORD")
                .description("Credentials for the registries this command talks to (default: the auth files and"
                        + " credential helpers of docker login and podman login).")
                .text(v -> creds = v);
        m.option("--registry-ca")
                .inherited()
                .label("FILE")
                .description("A PEM file of CA certificates to trust, besides the system's.")
                .path(v -> registryCa = v);
        m.option("--insecure")
                .inherited()
                .description("Skip TLS verification and allow plain HTTP (loopback registries need no flag).")
                .flag(v -> insecure = v);
    }

    /**
     * A client for this command; the registries {@code insecureByTags} accepts (those of tags whose import policy
     * says insecure) skip TLS verification and may use plain HTTP even without {@code --insecure}.
     */
    RegistryClient newClient(Predicate<String> insecureByTags, Metrics metrics) {
        RegistryConfig config = RegistryConfig.defaults().withInsecure(insecure);
        if (registryCa != null) {
            if (!Files.isReadable(registryCa)) {
                throw new UsageException(
                        "--registry-ca " + registryCa + ": no readable file there; expected a PEM file");
            }
            config = config.withCaCertificate(registryCa);
        }
        RegistryConfig perRegistry = config;
        return RegistryClient.builder()
                .metrics(metrics)
                .credentials(credentials())
                .registryConfig(host -> insecureByTags.test(host) ? perRegistry.withInsecure(true) : perRegistry)
                .build();
    }

    boolean insecure() {
        return insecure;
    }

    private CredentialsProvider credentials() {
        if (creds == null) {
            return DockerConfigCredentials.fromEnvironment();
        }
        int colon = creds.indexOf(':');
        if (colon <= 0 || colon == creds.length() - 1) {
            throw new UsageException("--creds must be USER:PASSWORD");
        }
        Credentials given = new Credentials(creds.substring(0, colon), creds.substring(colon + 1));
        return host -> Optional.of(given);
    }
}
