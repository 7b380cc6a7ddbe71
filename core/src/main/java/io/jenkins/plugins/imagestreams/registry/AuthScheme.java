package io.jenkins.plugins.imagestreams.registry;

/**
 * How a registry asked to be authenticated: its {@code WWW-Authenticate} challenge.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 */
public enum AuthScheme {
    /** User name and password on every request; an identity token is of no use here. */
    BASIC,
    /** A token from the challenge's realm, asked for with a user name and password or with an identity token. */
    BEARER
}
