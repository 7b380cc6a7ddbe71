package io.jenkins.plugins.imagestreams.jenkins.runtime;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The private key a promotion signs with, and its passphrase, read from credentials as the build may use them: a
 * secret file or secret text holding the PEM key, and secret text holding the passphrase. Their content goes to core
 * and nowhere else.
 */
public final class SigningKeys {
    /** A PEM key is a few KiB; a larger file is not one. */
    private static final int MAX_BYTES = 1024 * 1024;

    private SigningKeys() {}

    /**
     * The PEM bytes of credentials {@code id}.
     *
     * @throws IllegalArgumentException naming the id when it is missing, of another kind, or not readable
     */
    public static byte[] privateKey(String id, Run<?, ?> run) {
        StandardCredentials credentials = find(id, run);
        if (credentials instanceof StringCredentials text) {
            return text.getSecret().getPlainText().getBytes(StandardCharsets.UTF_8);
        }
        if (credentials instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                byte[] content = in.readNBytes(MAX_BYTES + 1);
                if (content.length > MAX_BYTES) {
                    throw new IllegalArgumentException(Messages.SigningKeys_TooLarge(id));
                }
                return content;
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        Messages.SigningKeys_Unreadable(id, e.getClass().getSimpleName()));
            }
        }
        throw new IllegalArgumentException(Messages.SigningKeys_WrongKind(id));
    }

    /**
     * The passphrase in secret text {@code id}; none for a blank id.
     *
     * @throws IllegalArgumentException naming the id when it is missing or of another kind
     */
    public static char[] passphrase(String id, Run<?, ?> run) {
        if (id == null || id.isBlank()) {
            return new char[0];
        }
        if (find(id, run) instanceof StringCredentials text) {
            return text.getSecret().getPlainText().toCharArray();
        }
        throw new IllegalArgumentException(Messages.SigningKeys_WrongKind(id));
    }

    private static StandardCredentials find(String id, Run<?, ?> run) {
        Optional<StandardCredentials> found = RegistryCredentials.find(id, run);
        found.ifPresent(c -> CredentialsProvider.track(run, c));
        return found.orElseThrow(() -> new IllegalArgumentException(Messages.SigningKeys_NotFound(id)));
    }
}
