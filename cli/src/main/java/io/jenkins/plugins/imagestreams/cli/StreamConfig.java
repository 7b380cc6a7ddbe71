package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.manifest.InvalidManifestException;
import io.jenkins.plugins.imagestreams.manifest.ManifestReader;
import io.jenkins.plugins.imagestreams.manifest.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the stream definitions file: OpenShift's own manifests, as core's {@link ManifestReader} reads them (JSON or
 * YAML; ImageStream, ImageStreamList, List and Template), every error naming the file, the document and the field.
 */
final class StreamConfig {
    private StreamConfig() {}

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException naming the file, document and field that is wrong, or when the file cannot be read
     */
    static Manifests read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + Errors.oneLine(e));
        }
        try {
            return ManifestReader.read("config file " + file, content);
        } catch (InvalidManifestException e) {
            throw new ConfigException(Errors.oneLine(e));
        }
    }
}
