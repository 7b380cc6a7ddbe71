package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The archive's training takes the paths it claims: each command ends as planned against the training registries, so
 * a change that turns a successful path into a failing one (and leaves its classes out of the archive) fails here.
 */
public class CdsTrainingTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void everyTrainingCommandEndsAsPlanned() throws Exception {
        Path store = folder.newFolder("store").toPath();
        try (TrainingRegistry source = TrainingRegistry.start();
                TrainingRegistry target = TrainingRegistry.start()) {
            for (CdsTraining.Run run : CdsTraining.runs(store.toString(), source, target)) {
                StringWriter err = new StringWriter();
                int code = Main.run(
                        run.args().toArray(String[]::new),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err, true));
                assertThat(code)
                        .as("imagestreams %s: %s", String.join(" ", run.args()), err)
                        .isEqualTo(run.exitCode());
            }
            String copied = output("digest", target.host() + "/t/copy:latest");
            assertThat(copied).isEqualTo(output("digest", source.host() + "/t/app:latest"));
            assertThat(output("--store", store.toString(), "-o", "json", "describe", "t/all"))
                    .contains("\"1.0\"", "\"1.1\"", "\"latest\"");
        }
    }

    @Test
    public void theTrainingRegistryAnswersWhatItDoesNotHoldWith404() throws Exception {
        try (TrainingRegistry registry = TrainingRegistry.start()) {
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new String[] {"digest", registry.host() + "/t/none:latest"},
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true));
            assertThat(code).isEqualTo(Main.FAILURE);
            assertThat(err.toString()).contains("MANIFEST_UNKNOWN");
        }
    }

    private static String output(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("imagestreams %s: %s", String.join(" ", args), err).isEqualTo(Main.OK);
        return out.toString().trim();
    }
}
