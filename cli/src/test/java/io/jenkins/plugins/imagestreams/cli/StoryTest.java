package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Instant;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The story from dev to prod through {@link Main#run}, against the real registry. */
public class StoryTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Cli cli;
    private String repo;

    @Before
    public void setUp() throws Exception {
        cli = new Cli(tmp.newFolder("store").toPath());
        repo = REGISTRY.host() + "/demo/myapp";
    }

    private Digest push(String content, String repoAndTag) throws Exception {
        return Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), content), REGISTRY, repoAndTag));
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exit()).as(String.join(" ", args) + "\n" + result).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result;
    }

    @Test
    public void imageMovesFromDevThroughStagingToProdWithHistoryAndPromotionRecords() throws Exception {
        Digest v1 = push("myapp v1", "demo/myapp:latest");
        Cli.Result imported = ok("import-image", "app-dev/myapp:latest", "--from", repo + ":latest", "--scheduled");
        assertThat(imported.out()).contains("app-dev/myapp:latest imported " + v1);

        Digest v2 = push("myapp v2", "demo/myapp:latest");
        assertThat(ok("import-image", "app-dev/myapp:latest").out())
                .contains("imported " + v2)
                .contains("was " + v1.shortForm());
        assertThat(ok("import-image", "app-dev/myapp").out()).contains("unchanged at " + v2);

        JsonNode history = ok("history", "app-dev/myapp:latest", "-o", "json").json();
        assertThat(history.path("tag").asText()).isEqualTo("latest");
        assertThat(history.path("items")).hasSize(2);
        assertThat(history.path("items").get(0).path("image").asText()).isEqualTo(v2.toString());
        assertThat(history.path("items").get(1).path("image").asText()).isEqualTo(v1.toString());
        assertThat(history.path("items").get(0).path("dockerImageReference").asText())
                .isEqualTo(repo + "@" + v2);
        assertThat(Instant.parse(history.path("items").get(0).path("created").asText()))
                .isAfter(Instant.parse(
                        history.path("items").get(1).path("created").asText()));

        assertThat(ok("tag", "app-dev/myapp:latest", "app-staging/myapp:latest").out())
                .contains("Tag app-staging/myapp:latest set to app-dev/myapp:latest (" + v2 + ")");

        String prodRepo = REGISTRY.host() + "/prod/myapp";
        Cli.Result dryRun = ok(
                "promote",
                "app-staging/myapp:latest",
                "--to",
                "app-prod/myapp:latest",
                "--copy-to",
                prodRepo,
                "--dry-run");
        assertThat(dryRun.out()).contains("Dry run").contains("copy ").contains(prodRepo + ":latest");
        assertThat(cli.run("describe", "app-prod/myapp").exit()).isEqualTo(Main.FAILURE);

        Cli.Result promoted = ok(
                "promote",
                "app-staging/myapp:latest",
                "--to",
                "app-prod/myapp:latest",
                "--copy-to",
                prodRepo,
                "--require-from",
                "app-dev/myapp:latest",
                "--as",
                "release-bot");
        assertThat(promoted.out()).contains("Promoted " + v2).contains("copied to " + prodRepo + "@" + v2);
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, "prod/myapp:latest")))
                .isEqualTo(v2);

        String describe = ok("describe", "app-dev/myapp").out();
        assertThat(describe)
                .contains("Name:             myapp")
                .contains("Namespace:        app-dev")
                .contains("updates automatically from registry " + repo + ":latest")
                .contains("  * " + repo + "@" + v2)
                .contains("    " + repo + "@" + v1)
                .contains(v2.shortForm())
                .contains("Unique Images:    2");
        assertThat(describe.indexOf(v2.toString())).isLessThan(describe.indexOf(v1.toString()));

        String prodDescribe = ok("describe", "app-prod/myapp").out();
        assertThat(prodDescribe)
                .contains("Image Repository: " + prodRepo)
                .contains("promoted from app-staging/myapp:latest by release-bot")
                .contains("from app-staging/myapp:latest by release-bot: PROMOTED, copied");

        JsonNode prod = ok("describe", "app-prod/myapp", "-o", "json").json();
        assertThat(prod.path("kind").asText()).isEqualTo("ImageStream");
        assertThat(prod.path("metadata").path("name").asText()).isEqualTo("myapp");
        assertThat(prod.path("metadata").path("namespace").asText()).isEqualTo("app-prod");
        assertThat(prod.path("metadata").path("generation").asLong()).isPositive();
        JsonNode prodTag = prod.path("status").path("tags").get(0);
        assertThat(prodTag.path("tag").asText()).isEqualTo("latest");
        assertThat(prodTag.path("items").get(0).path("image").asText()).isEqualTo(v2.toString());
        assertThat(prodTag.path("items").get(0).path("dockerImageReference").asText())
                .isEqualTo(prodRepo + "@" + v2);
        assertThat(prodTag.path("conditions")).isEmpty();
        assertThat(prod.path("spec")
                        .path("tags")
                        .get(0)
                        .path("from")
                        .path("kind")
                        .asText())
                .isEqualTo("ImageStreamImage");

        String environments = ok("get", "environments").out();
        String[] lines = environments.split("\n");
        assertThat(lines[0]).matches("STREAM:TAG\\s+APP-DEV\\s+APP-STAGING\\s+APP-PROD");
        assertThat(lines[1])
                .matches("myapp:latest\\s+" + v2.shortForm() + "\\s+" + v2.shortForm() + "\\s+" + v2.shortForm());

        JsonNode envJson = ok("get", "environments", "myapp", "-o", "json").json();
        assertThat(envJson.path("namespaces").toString()).isEqualTo("[\"app-dev\",\"app-staging\",\"app-prod\"]");
        assertThat(envJson.path("items")
                        .get(0)
                        .path("images")
                        .path("app-prod")
                        .path("image")
                        .asText())
                .isEqualTo(v2.toString());
    }

    @Test
    public void environmentsShowWhatHasNotReachedProdYet() throws Exception {
        Digest v1 = push("env v1", "demo/envapp:1");
        String envRepo = REGISTRY.host() + "/demo/envapp";
        ok("import-image", "app-dev/envapp:latest", "--from", envRepo + ":1");
        ok("tag", "app-dev/envapp:latest", "app-staging/envapp:latest", "app-prod/envapp:latest");
        Digest v2 = push("env v2", "demo/envapp:2");
        ok("import-image", "app-dev/envapp:latest", "--from", envRepo + ":2");
        ok("tag", "app-dev/envapp:latest", "app-staging/envapp:latest");

        String row = ok("get", "environments", "envapp").out().split("\n")[1];
        assertThat(row)
                .matches("envapp:latest\\s+" + v2.shortForm() + "\\s+" + v2.shortForm() + "\\s+" + v1.shortForm());
    }

    @Test
    public void getStreamsAndTagsListEveryStreamAndTagAsTextAndJson() throws Exception {
        Digest v1 = push("list v1", "demo/listapp:1");
        String listRepo = REGISTRY.host() + "/demo/listapp";
        ok("import-image", "team-a/listapp:1", "--from", listRepo + ":1");
        ok("tag", "team-a/listapp:1", "team-a/listapp:stable", "team-b/listapp:1");

        String streams = ok("get", "streams").out();
        assertThat(streams)
                .contains("NAMESPACE")
                .contains("team-a")
                .contains("team-b")
                .contains("1,stable");

        JsonNode tags = ok("get", "tags", "team-a/listapp", "-o", "json").json();
        assertThat(tags.path("kind").asText()).isEqualTo("List");
        assertThat(tags.path("items")).hasSize(2);
        assertThat(tags.path("items").get(0).path("metadata").path("name").asText())
                .isEqualTo("listapp:1");
        assertThat(tags.path("items").get(1).path("image").path("name").asText())
                .isEqualTo(v1.toString());

        JsonNode all = ok("get", "streams", "listapp", "-o", "json").json();
        assertThat(all.path("items")).hasSize(2);
        assertThat(ok("get", "streams", "listapp", "-o", "yaml").out())
                .contains("kind: List")
                .contains("name: listapp");
    }

    @Test
    public void importAllListsTheTagsLeftOutByTheLimit() throws Exception {
        for (String tag : new String[] {"1.0", "1.1", "2.0", "latest"}) {
            push("all " + tag, "demo/allapp:" + tag);
        }
        String allRepo = REGISTRY.host() + "/demo/allapp";
        Cli.Result result = ok("import-image", "app-dev/allapp", "--from", allRepo, "--all", "--max-tags", "2");
        assertThat(result.out())
                .contains("app-dev/allapp:latest imported")
                .contains("Imported 2 tags")
                .contains("2 additional tags which were not imported")
                .contains("1.1")
                .contains("1.0");
        JsonNode stream = ok("describe", "app-dev/allapp", "-o", "json").json();
        assertThat(stream.path("status").path("tags")).hasSize(2);
    }

    @Test
    public void tagAliasFollowsItsSourceAcrossStreamsAndDeleteRemovesTheTag() throws Exception {
        Digest v1 = push("alias v1", "demo/aliasapp:latest");
        String aliasRepo = REGISTRY.host() + "/demo/aliasapp";
        ok("import-image", "app-dev/aliasapp", "--from", aliasRepo + ":latest");
        assertThat(ok("tag", "--alias", "app-dev/aliasapp:latest", "app-qa/aliasapp:latest")
                        .out())
                .contains("set up to track app-dev/aliasapp:latest");
        assertThat(ok("history", "app-qa/aliasapp:latest").out()).contains(v1.shortForm());

        Digest v2 = push("alias v2", "demo/aliasapp:latest");
        ok("import-image", "app-dev/aliasapp");
        String qa = ok("history", "app-qa/aliasapp:latest", "-o", "json").out();
        assertThat(qa).contains(v2.toString());

        assertThat(ok("tag", "-d", "app-qa/aliasapp:latest").out()).contains("Deleted tag app-qa/aliasapp:latest.");
        assertThat(cli.run("history", "app-qa/aliasapp:latest").exit()).isEqualTo(Main.FAILURE);
    }

    @Test
    public void tagFromDockerImportsAndTagByDigestPrefixPinsAHistoryImage() throws Exception {
        Digest v1 = push("docker v1", "demo/dockerapp:1");
        Digest v2 = push("docker v2", "demo/dockerapp:2");
        String dockerRepo = REGISTRY.host() + "/demo/dockerapp";
        assertThat(ok("tag", "docker://" + dockerRepo + ":1", "app-dev/dockerapp:latest")
                        .out())
                .contains("set to " + dockerRepo + ":1.")
                .contains("imported " + v1);
        ok("tag", "docker://" + dockerRepo + ":2", "app-dev/dockerapp:latest");

        assertThat(ok("tag", "app-dev/dockerapp@" + v1.hex().substring(0, 10), "app-dev/dockerapp:rollback")
                        .out())
                .contains(v1.toString());
        JsonNode rollback =
                ok("history", "app-dev/dockerapp:rollback", "-o", "json").json();
        assertThat(rollback.path("items").get(0).path("image").asText()).isEqualTo(v1.toString());
        JsonNode latest =
                ok("history", "app-dev/dockerapp:latest", "-o", "json").json();
        assertThat(latest.path("items").get(0).path("image").asText()).isEqualTo(v2.toString());
    }

    @Test
    public void copyKeepsTheDigestAndIsQuietWithoutATerminal() throws Exception {
        Digest v1 = push("copy v1", "demo/copyapp:1");
        String base = REGISTRY.host();
        Cli.Result copied = ok("copy", base + "/demo/copyapp:1", base + "/mirror/copyapp:1");
        assertThat(copied.out()).contains("Copied").contains(v1.toString());
        assertThat(copied.err()).isEmpty();
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, "mirror/copyapp:1")))
                .isEqualTo(v1);
        assertThat(ok("digest", base + "/mirror/copyapp:1").out().trim()).isEqualTo(v1.toString());
    }
}
