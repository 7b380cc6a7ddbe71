package io.jenkins.plugins.imagestreams.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files an option names, read whole, with errors that name the option and the file. */
final class InputFiles {
    /** Key and passphrase files are small; anything larger is not one. */
    static final int MAX_BYTES = 1024 * 1024;

    private InputFiles() {}

    /** @throws UsageException when the file is missing, unreadable or over 1 MiB */
    static byte[] bytes(String option, Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(option + " " + file + " is over 1 MiB; expected a PEM key or a passphrase");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(option + " " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException(option + " " + file + " cannot be read: " + Errors.oneLine(e));
        }
    }

    /** The file as UTF-8 text; see {@link #bytes}. */
    static String text(String option, Path file) {
        return new String(bytes(option, file), StandardCharsets.UTF_8);
    }
}
