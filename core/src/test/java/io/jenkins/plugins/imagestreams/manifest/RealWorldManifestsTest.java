package io.jenkins.plugins.imagestreams.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every manifest under {@code real-world/openshift} (published by openshift/library, the cluster samples operator and
 * openshift/origin; sources in its README) loads as published, with the tags and sources {@code expected-tags.txt}
 * lists. That list was written from the files by reading them as OpenShift does, independently of this reader: one
 * line per spec tag, {@code file: namespace/stream:tag <- source [alias] importMode}.
 */
public class RealWorldManifestsTest {
    private static final Path ROOT = Path.of("src/test/resources/real-world/openshift");

    @Test
    public void everyPublishedManifestLoadsWithTheTagsAndSourcesOpenShiftReads() throws IOException {
        Map<String, String> failures = new TreeMap<>();
        List<String> found = new ArrayList<>();
        List<Path> files = manifests();
        for (Path file : files) {
            String name = ROOT.relativize(file).toString().replace('\\', '/');
            try {
                for (StreamDefinition stream :
                        ManifestReader.read(name, Files.readAllBytes(file)).streams()) {
                    found.addAll(lines(name, stream));
                }
            } catch (InvalidManifestException e) {
                failures.put(name, e.getMessage());
            }
        }

        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        assertThat(failures).as("manifests that do not load").isEmpty();
        assertThat(found).containsExactlyInAnyOrderElementsOf(Files.readAllLines(ROOT.resolve("expected-tags.txt")));
    }

    @Test
    public void aListWithBuildConfigsTakesItsImageStreamAndNamesWhatItSkipped() throws IOException {
        Manifests manifests =
                read("origin/test_extended_testdata_builds_test-imagechangetriggers.yaml", "triggers.yaml");

        assertThat(streamNames(manifests)).containsExactly("default/nodejs-ex");
        assertThat(manifests.warnings())
                .containsExactly(
                        "triggers.yaml, document 1: skipped 4 object(s) that are not image streams:"
                                + " BuildConfig bc-source, BuildConfig bc-docker, BuildConfig bc-custom, BuildConfig bc-jenkins");
    }

    @Test
    public void aTemplateGivesItsImageStreamsWithTheParameterDefaults() throws IOException {
        Manifests manifests = read("library/official_cakephp_templates_cakephp-example.json", "cakephp.json");

        assertThat(streamNames(manifests)).containsExactly("default/cakephp-example");
        assertThat(manifests.warnings())
                .singleElement()
                .asString()
                .contains("skipped 5 object(s)", "Secret ${NAME}", "BuildConfig ${NAME}");
    }

    private static Manifests read(String file, String as) throws IOException {
        return ManifestReader.read(as, Files.readAllBytes(ROOT.resolve(file)));
    }

    private static List<String> streamNames(Manifests manifests) {
        return manifests.streams().stream().map(s -> s.name().toString()).toList();
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> lines(String file, StreamDefinition stream) {
        if (stream.spec().tags().isEmpty()) {
            return List.of(file + ": " + stream.name() + " has no tags");
        }
        List<String> lines = new ArrayList<>();
        for (TagSpec tag : stream.spec().tags()) {
            String source = tag.from().map(RealWorldManifestsTest::source).orElse("no source");
            lines.add(file + ": " + stream.name() + ":" + tag.name() + " <- " + source + (tag.alias() ? " alias" : "")
                    + " " + tag.importPolicy().importMode().wireName());
        }
        return lines;
    }

    private static String source(TagSource from) {
        return from instanceof TagSource.DockerImage docker
                ? "DockerImage " + docker.reference()
                : from.kind() + " " + from;
    }
}
