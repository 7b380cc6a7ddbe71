package io.jenkins.plugins.imagestreams.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The doors (the {@code imagestreams} command and the Jenkins plugin) call core's service and nothing below it: no
 * source file of theirs names a class of {@code store}, {@code importing}, {@code promote}, {@code deploy} or {@code
 * signature}, by import or by qualified name. It reads their sources, so it also covers the plugin, which builds only where the Jenkins
 * Maven repository is reachable.
 */
public class DoorsCallTheServiceTest {
    /** The packages below the service. */
    static final Pattern BELOW_THE_SERVICE = Pattern.compile(
            "io\\.jenkins\\.plugins\\.imagestreams\\.(store|importing|promote|deploy|signature)\\b[.\\w*]*");

    private static final List<Path> DOORS =
            List.of(Path.of("..", "cli", "src", "main", "java"), Path.of("..", "plugin", "src", "main", "java"));

    @Test
    public void noDoorNamesAClassBelowTheService() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path door : DOORS) {
            assertThat(door).as("the sources of a door").isDirectory();
            try (Stream<Path> files = Files.walk(door)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> found.addAll(violations(f)));
            }
        }
        assertThat(found).as("names of classes below the service, in the doors").isEmpty();
    }

    @Test
    public void theRuleCatchesImportsStaticImportsWildcardsAndQualifiedNames() {
        String source = String.join(
                "\n",
                "package io.jenkins.plugins.imagestreams.cli;",
                "import io.jenkins.plugins.imagestreams.store.StreamUpdater;",
                "import static io.jenkins.plugins.imagestreams.promote.Tagger.pin;",
                "import io.jenkins.plugins.imagestreams.deploy.*;",
                "import io.jenkins.plugins.imagestreams.service.ImageStreamService;",
                "import io.jenkins.plugins.imagestreams.stream.ImageStream;",
                "class X { Object o = new io.jenkins.plugins.imagestreams.importing.Importer(); }");

        assertThat(violations("X.java", source))
                .containsExactly(
                        "X.java:2: io.jenkins.plugins.imagestreams.store.StreamUpdater",
                        "X.java:3: io.jenkins.plugins.imagestreams.promote.Tagger.pin",
                        "X.java:4: io.jenkins.plugins.imagestreams.deploy.*",
                        "X.java:7: io.jenkins.plugins.imagestreams.importing.Importer");
    }

    private static List<String> violations(Path file) {
        try {
            return violations(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> violations(String file, String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = BELOW_THE_SERVICE.matcher(lines[i]);
            while (m.find()) {
                found.add(file + ":" + (i + 1) + ": " + m.group());
            }
        }
        return found;
    }
}
