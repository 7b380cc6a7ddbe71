package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line as the README describes it: help on every subcommand, global options before or after it. */
public class CommandLineTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().basicAuth("cliuser", "clipass").build();

    /** The whole command, as a command line naming no subcommand gets it. */
    private static CommandLine whole() {
        return Main.commandLine(new ImageStreamsCommand(), new String[0]);
    }

    /** The subcommands, from the command's own model, so a new one is covered without touching this test. */
    private static Set<String> subcommands() {
        return whole().getSubcommands().keySet();
    }

    @Test
    public void eachSubcommandIsRegisteredUnderItsOwnName() {
        for (String name : Subcommands.NAMES) {
            assertThat(Subcommands.make(name).model().spec().name()).isEqualTo(name);
        }
        assertThat(Subcommands.NAMES).doesNotHaveDuplicates();
        assertThat(Subcommands.make("digests")).isNull();
    }

    @Test
    public void theModelIsDeclaredInCodeWithoutPicocliAnnotations() {
        // reading annotations costs every command some 50 ms (the JDK parses them and makes a proxy class per
        // annotation type): an annotation added back here would bring that back unseen
        List<Class<?>> classes = new ArrayList<>(List.of(ImageStreamsCommand.class, RegistryOptions.class));
        for (String name : Subcommands.NAMES) {
            for (Class<?> c = Subcommands.make(name).getClass(); c != Object.class; c = c.getSuperclass()) {
                classes.add(c);
            }
        }
        for (Class<?> c : classes) {
            List<Annotation> annotations = new ArrayList<>(List.of(c.getDeclaredAnnotations()));
            for (Field field : c.getDeclaredFields()) {
                annotations.addAll(List.of(field.getDeclaredAnnotations()));
            }
            assertThat(annotations)
                    .as(c.getName())
                    .noneMatch(a -> a.annotationType().getName().startsWith("picocli."));
        }
        assertThat(whole().getCommandSpec().findOption("--store")).isNotNull();
    }

    @Test
    public void aCommandLineNamingOneSubcommandBuildsThatOneAlone() {
        assertThat(Subcommands.named(new String[] {"--store", "digest", "-o", "json", "get", "streams"}))
                .isEqualTo("get");
        assertThat(Subcommands.named(new String[] {"--store=/tmp/s", "-v", "digest", "reg/app:1"}))
                .isEqualTo("digest");
        assertThat(Subcommands.forArgs(new String[] {"--store", "/tmp/s", "digest", "reg/app:1"}))
                .singleElement()
                .isInstanceOf(DigestCommand.class);
        assertThat(Subcommands.forArgs(new String[] {"digest", "--help"})).hasSize(Subcommands.NAMES.size());
        assertThat(Subcommands.forArgs(new String[] {"digests", "reg/app:1"})).hasSize(Subcommands.NAMES.size());
        assertThat(Subcommands.forArgs(new String[] {"--version"})).hasSize(Subcommands.NAMES.size());
    }

    @Test
    public void usageListsEveryCommandAndAMistypedOneIsAnsweredWithTheNearOne() {
        Cli.Result usage = Cli.runRaw("--help");
        Cli.Result mistyped = Cli.runRaw("--store", TMP.getRoot().toString(), "digests", "reg/app:1");

        for (String name : Subcommands.NAMES) {
            assertThat(usage.out()).contains("  " + name + " ");
        }
        assertThat(mistyped.exit()).isEqualTo(Main.USAGE);
        assertThat(mistyped.err()).contains("digests").contains("digest");
    }

    @Test
    public void everySubcommandAnswersHelpWithItsUsageAndExitZero() {
        assertThat(subcommands()).contains("digest", "watch", "import-image");
        for (String name : subcommands()) {
            for (String help : List.of("--help", "-h")) {
                Cli.Result result = Cli.runRaw(name, help);
                assertThat(result.exit()).as(name + " " + help + "\n" + result).isZero();
                assertThat(result.out()).as(name + " " + help).startsWith("Usage: imagestreams " + name);
                assertThat(result.err()).as(name + " " + help).isEmpty();
            }
        }
        assertThat(Cli.runRaw("--help").exit()).isZero();
    }

    @Test
    public void picocliIsToldNotToLookForGroovyClosures() {
        // its default factory otherwise asks the class path for groovy.lang.Closure, opening the jar to search it
        String before = System.clearProperty("picocli.disable.closures");
        try {
            assertThat(Cli.runRaw("--version").exit()).isZero();
            assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");
        } finally {
            if (before != null) {
                System.setProperty("picocli.disable.closures", before);
            }
        }
    }

    @Test
    public void helpShowsEachOptionsDefaultAndChoicesFromTheModel() {
        assertThat(Cli.runRaw("copy", "--help").out()).contains("How many blobs move at once (default: 4).");
        assertThat(Cli.runRaw("watch", "--help").out())
                .contains("(default: 5m)")
                .contains("(default: 10m)");
        assertThat(Cli.runRaw("import-image", "--help").out()).contains("(default: 50)");
        assertThat(Cli.runRaw("--help").out()).contains("text, json,", "yaml (default: text)");
    }

    @Test
    public void everyGlobalOptionOfTheReadmeIsAcceptedBeforeAndAfterEverySubcommand() throws IOException {
        List<String> readmeOptions = globalOptionsOfTheReadme();
        assertThat(readmeOptions).contains("--store", "--config", "-o", "--creds", "--registry-ca", "--insecure");
        CommandLine commandLine = whole();
        for (String option : readmeOptions) {
            assertThat(commandLine.getCommandSpec().findOption(option))
                    .as("imagestreams " + option + " SUBCOMMAND")
                    .isNotNull();
            for (CommandLine sub : commandLine.getSubcommands().values()) {
                OptionSpec spec = sub.getCommandSpec().findOption(option);
                assertThat(spec)
                        .as("imagestreams " + sub.getCommandName() + " " + option)
                        .isNotNull();
            }
        }
    }

    @Test
    public void credsBeforeTheSubcommandAreUsed() throws Exception {
        Skopeo.push(TestImages.image(TMP.newFolder().toPath(), "global creds"), REGISTRY, "demo/app:1");
        String ref = REGISTRY.host() + "/demo/app:1";

        Cli.Result before = Cli.runRaw("--creds", "cliuser:clipass", "digest", ref);
        Cli.Result after = Cli.runRaw("digest", ref, "--creds", "cliuser:clipass");
        Cli.Result wrong = Cli.runRaw("--creds", "cliuser:wrong", "digest", ref);

        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.out()).startsWith("sha256:").isEqualTo(after.out());
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(Main.FAILURE);
        assertThat(wrong.err()).contains("UNAUTHORIZED");
    }

    @Test
    public void insecureBeforeTheSubcommandMarksTheImportedTag() throws Exception {
        Skopeo.push(TestImages.image(TMP.newFolder().toPath(), "global insecure"), REGISTRY, "demo/insecure:1");
        Cli cli = new Cli(TMP.newFolder().toPath());

        Cli.Result imported = cli.run(
                "--insecure",
                "--creds",
                "cliuser:clipass",
                "import-image",
                "app:1",
                "--from",
                REGISTRY.host() + "/demo/insecure:1");

        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(cli.run("-o", "json", "get", "streams", "app").out()).contains("\"insecure\" : true");
    }

    /** The option names in the first column of the README's "Global options" table. */
    private static List<String> globalOptionsOfTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Global options"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        List<String> names = new ArrayList<>();
        for (String row : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            Matcher m = Pattern.compile("`(-[-\\w]+)").matcher(row.substring(0, row.indexOf(" |", 2)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
