package io.jenkins.plugins.imagestreams.registry;

/** What a person can do about each kind of failure, appended to exception messages. */
final class Hints {
    private Hints() {}

    static String forCode(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED ->
                "Check the credentials configured for this registry"
                        + " (docker login, ~/.docker/config.json or REGISTRY_AUTH_FILE)";
            case DENIED ->
                "The credentials were accepted but lack permission for this repository;"
                        + " ask the registry owner for pull or push access";
            case MANIFEST_UNKNOWN -> "Check that the tag or digest exists in the repository";
            case NAME_UNKNOWN -> "Check the repository name and registry host";
            case NAME_INVALID -> "Use a repository name of lowercase letters, digits and separators";
            case BLOB_UNKNOWN, MANIFEST_BLOB_UNKNOWN -> "Push the referenced blobs or child manifests first";
            case TOOMANYREQUESTS -> "The registry is rate limiting; wait, or lower the request rate for it";
            case TIMEOUT -> "The registry did not answer in time; check that it is reachable and not overloaded";
            case CONNECTION -> "Check that the registry host and port are right and reachable from here";
            case DIGEST_MISMATCH ->
                "The content changed in transit or the registry is inconsistent;"
                        + " retry, and report it if it persists";
            case TOO_LARGE -> "The response exceeds the client's size limit; this is not a normal image manifest";
            case INSECURE_REFUSED -> "Serve the registry over HTTPS, or mark it insecure if you accept the risk";
            case CREDENTIALS_UNAVAILABLE ->
                "Install the credential helper on PATH and log in with it, or change credHelpers or credsStore in"
                        + " the auth file";
            case UNSUPPORTED -> "The registry does not support this operation";
            default -> "";
        };
    }
}
