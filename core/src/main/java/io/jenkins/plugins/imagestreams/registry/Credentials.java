package io.jenkins.plugins.imagestreams.registry;

import java.util.Objects;

/**
 * A user name and secret (password or token) for one registry. {@link #toString()} never shows the secret.
 *
 * <p>A user name of {@value #IDENTITY_TOKEN_USER} marks the secret as an OAuth2 refresh token, as Docker stores
 * {@code identitytoken}; the client then exchanges it at the token realm instead of sending Basic credentials.
 */
public record Credentials(String username, String secret) {
    /** The user name Docker uses for identity tokens. */
    public static final String IDENTITY_TOKEN_USER = "<token>";

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    /** Credentials that are an OAuth2 refresh token. */
    public static Credentials identityToken(String token) {
        return new Credentials(IDENTITY_TOKEN_USER, token);
    }

    public boolean isIdentityToken() {
        return IDENTITY_TOKEN_USER.equals(username);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", secret=****]";
    }
}
