package io.jenkins.plugins.imagestreams.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The content of a blob to upload; opened once per attempt, so a retried upload starts from the beginning. */
@FunctionalInterface
public interface BlobSource {
    InputStream open() throws IOException;

    static BlobSource of(byte[] content) {
        byte[] copy = content.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static BlobSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
