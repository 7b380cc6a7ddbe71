package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The config file as the command reads it: core's manifest reader, with the file named in every error. */
public class StreamConfigTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void errorsNameTheConfigFile() throws Exception {
        Path file = tmp.newFile("streams.yaml").toPath();
        Files.writeString(file, "kind: ImageStream\nmetadata: {namespace: a}\n");

        assertThatThrownBy(() -> StreamConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + file + ", document 1: metadata.name is missing");
        Path missing = tmp.getRoot().toPath().resolve("absent.yaml");
        assertThatThrownBy(() -> StreamConfig.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    public void readsTabIndentedJson() throws Exception {
        Path file = tmp.newFile("httpd.json").toPath();
        Files.writeString(file, "{\n\t\"kind\": \"ImageStream\",\n\t\"metadata\": {\"name\": \"httpd\"}\n}\n");

        assertThat(StreamConfig.read(file).streams()).hasSize(1);
    }
}
