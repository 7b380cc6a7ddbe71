package io.jenkins.plugins.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The auth files that containers/image and docker/cli test themselves with (see {@code real-world/auth/README.md} for
 * the source of each), each put where its tool writes it, and asked for the repositories of
 * {@code expectations.tsv}: every one gives the credentials those tools give, or an error naming what is wrong.
 */
public class RealWorldAuthFilesTest {
    private static final String DIR = "/real-world/auth/";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private record Row(String file, String placedAs, String reference, AuthScheme scheme, String expected) {
        @Override
        public String toString() {
            return file + " as " + placedAs + ", " + reference + " (" + scheme + ")";
        }
    }

    @Test
    public void everyPublishedAuthFileGivesTheCredentialsItsToolGives() throws Exception {
        Map<String, List<String>> failuresByFile = new LinkedHashMap<>();
        for (Row row : rows()) {
            List<String> failures = failuresByFile.computeIfAbsent(row.file(), f -> new ArrayList<>());
            String actual = answer(row);
            boolean ok = row.expected().startsWith("error:")
                    ? actual.startsWith("error:")
                            && actual.contains(row.expected().substring("error:".length()))
                    : actual.equals(row.expected());
            if (!ok) {
                failures.add(row + ": expected " + row.expected() + " but got " + actual);
            }
        }
        long understood = failuresByFile.values().stream().filter(List::isEmpty).count();
        System.out.println("real-world auth files understood: " + understood + " of " + failuresByFile.size());
        assertThat(failuresByFile.values().stream().flatMap(List::stream).toList())
                .as("rows of expectations.tsv that fail")
                .isEmpty();
        assertThat(failuresByFile).hasSizeGreaterThanOrEqualTo(22);
    }

    private String answer(Row row) throws IOException {
        Path home = temp.newFolder().toPath();
        Path runtime = temp.newFolder().toPath();
        Path bin = temp.newFolder().toPath();
        TestHelpers.write(bin, "helper-registry", TestHelpers.CONTAINERS_IMAGE_LIKE);
        Path target =
                switch (row.placedAs()) {
                    case "config.json" -> home.resolve(".docker/config.json");
                    case "auth.json" -> runtime.resolve("containers/auth.json");
                    case ".dockercfg" -> home.resolve(".dockercfg");
                    default -> throw new IllegalArgumentException("unknown place " + row.placedAs());
                };
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getResourceAsStream(DIR + row.file())) {
            assertThat(in).as(row.file()).isNotNull();
            Files.write(target, in.readAllBytes());
        }
        Map<String, String> env =
                Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString(), "PATH", bin.toString());
        try {
            DockerConfigCredentials credentials = DockerConfigCredentials.fromEnvironment(env);
            Optional<Credentials> found =
                    credentials.forRepository(ImageReference.parse(row.reference() + ":latest"), row.scheme());
            assertThat(credentials.toString()).doesNotContain("hello", "password", "env_pass", "identity token");
            return found.map(c -> c.username() + ":" + c.secret()).orElse("none");
        } catch (UncheckedIOException e) {
            assertThat(e.getMessage()).contains(target.toString());
            return "error:" + e.getMessage();
        } catch (CredentialsUnavailableException e) {
            assertThat(e.getMessage()).contains(target.toString());
            return "error:" + e.getMessage();
        }
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RealWorldAuthFilesTest.class.getResourceAsStream(DIR + "expectations.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[0], f[1], f[2], AuthScheme.valueOf(f[3].toUpperCase(Locale.ROOT)), f[4]));
            }
        }
        return rows;
    }
}
