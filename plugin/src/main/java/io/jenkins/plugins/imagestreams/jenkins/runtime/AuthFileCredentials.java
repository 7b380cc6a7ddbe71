package io.jenkins.plugins.imagestreams.jenkins.runtime;

import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import io.jenkins.plugins.imagestreams.registry.auth.DockerConfigCredentials;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller's auth file that the administrator named for scheduled imports ({@code config.json} or {@code
 * auth.json}, with its {@code credHelpers} and {@code credsStore} run on the controller), as docker, skopeo and podman
 * read it; nothing when none is named. The file is read again when the setting names another one. A file that cannot
 * be read is logged and gives no credentials.
 */
final class AuthFileCredentials implements CredentialsProvider {
    private static final Logger LOGGER = Logger.getLogger(AuthFileCredentials.class.getName());

    private record Read(String path, CredentialsProvider credentials) {}

    private volatile Read read = new Read("", CredentialsProvider.ANONYMOUS);

    private CredentialsProvider current() {
        String path = ImageStreamsConfiguration.get().getAuthFile();
        Read last = read;
        if (last.path().equals(path)) {
            return last.credentials();
        }
        CredentialsProvider credentials = CredentialsProvider.ANONYMOUS;
        if (!path.isEmpty()) {
            try {
                credentials = DockerConfigCredentials.read(ImageStreamsConfiguration.authFilePath(path));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                LOGGER.log(Level.WARNING, "scheduled imports use no auth file: " + e.getMessage());
            }
        }
        read = new Read(path, credentials);
        return credentials;
    }

    @Override
    public Optional<Credentials> forRegistry(String registry) {
        return current().forRegistry(registry);
    }

    @Override
    public Optional<Credentials> forRepository(ImageReference ref, AuthScheme scheme) {
        return current().forRepository(ref, scheme);
    }

    @Override
    public boolean refresh(ImageReference ref) {
        return current().refresh(ref);
    }

    @Override
    public String toString() {
        return "the auth file of scheduled imports";
    }
}
