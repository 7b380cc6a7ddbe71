package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Writes an htpasswd file with one bcrypt entry, the only kind distribution accepts. */
final class Htpasswd {
    private Htpasswd() {}

    /** Writes {@code DIR/htpasswd} with {@code htpasswd -Bbn user password}. */
    static Path write(Path dir, String user, String password) throws IOException {
        RequiredTools.check("htpasswd");
        Commands.Result result = Commands.run(Duration.ofSeconds(30), List.of("htpasswd", "-Bbn", user, password))
                .orThrow();
        Path file = dir.resolve("htpasswd");
        Files.write(file, result.stdout());
        return file;
    }
}
