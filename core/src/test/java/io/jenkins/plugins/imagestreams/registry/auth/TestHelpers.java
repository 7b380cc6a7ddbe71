package io.jenkins.plugins.imagestreams.registry.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Credential helpers written by tests: small shell scripts that speak the helper protocol. */
final class TestHelpers {
    /**
     * Answers as the helper of containers/image's tests does: {@code registry-a.com} user {@code foo},
     * {@code registry-b.com} an identity token, {@code registry-no-creds.com} the "not found" message, others
     * {@code {}}.
     */
    static final String CONTAINERS_IMAGE_LIKE = String.join(
            "\n",
            "#!/bin/sh",
            "[ \"$1\" = get ] || { echo 'not implemented'; exit 1; }",
            "read -r server",
            "case \"$server\" in",
            "  registry-a.com) echo '{\"ServerURL\":\"registry-a.com\",\"Username\":\"foo\",\"Secret\":\"bar\"}' ;;",
            "  registry-b.com) echo '{\"ServerURL\":\"registry-b.com\",\"Username\":\"<token>\",\"Secret\":\"fizzbuzz\"}' ;;",
            "  registry-no-creds.com) echo 'credentials not found in native keychain'; exit 1 ;;",
            "  *) echo '{}' ;;",
            "esac",
            "");

    private TestHelpers() {}

    /** Writes {@code docker-credential-<name>} into {@code bin}, executable. */
    static Path write(Path bin, String name, String script) throws IOException {
        Path file = bin.resolve("docker-credential-" + name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
