package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every usage error and bad input: exit 2 (the command line is wrong) or 1 (it ran and failed), one line on standard
 * error saying what was wrong, nothing on standard output, and no stored file changed.
 */
public class BadInputTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Cli cli;
    private static String repo;
    private static String deadRegistry;

    @BeforeClass
    public static void storeWithOneImportedTag() throws Exception {
        cli = new Cli(TMP.newFolder("store").toPath());
        Skopeo.push(TestImages.image(TMP.newFolder().toPath(), "bad input v1"), REGISTRY, "demo/app:1");
        repo = REGISTRY.host() + "/demo/app";
        Cli.Result imported = cli.run("import-image", "app-dev/app:latest", "--from", repo + ":1");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadRegistry = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private record Case(String why, int exit, String message, String... args) {}

    private static List<Case> cases() throws Exception {
        Path badConfig = TMP.newFile("bad.yaml").toPath();
        Files.writeString(
                badConfig,
                "kind: ImageStream\nmetadata: {name: app}\nspec:\n  tags:\n  - name: x\n"
                        + "    from: {kind: DockerImage, name: 'Not A Ref'}\n");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no command", 2, "Missing required subcommand"));
        cases.add(new Case("unknown command", 2, "Unmatched argument", "frobnicate"));
        cases.add(new Case("unknown option", 2, "Unknown option", "describe", "app-dev/app", "--colour"));
        cases.add(new Case("missing parameter", 2, "Missing required parameter: 'streams|tags|environments'", "get"));
        cases.add(new Case("missing parameters", 2, "Missing required parameter: 'SOURCE DEST...'", "tag"));
        cases.add(new Case(
                "one parameter too many", 2, "Unmatched argument at index 5: 'more'", "get", "streams", "a", "more"));
        cases.add(new Case("number not a number", 2, "'x' is not an int", "copy", "a", "b", "--parallel", "x"));
        cases.add(new Case(
                "output format not one of them",
                2,
                "expected one of [text, json, yaml]",
                "-o",
                "yml",
                "get",
                "streams"));
        cases.add(new Case("bad stream name", 2, "is not a DNS-1123 label", "describe", "App/.."));
        cases.add(new Case("stream name with two slashes", 2, "has more than one '/'", "describe", "a/b/c"));
        cases.add(new Case("bad tag", 2, "is not a valid tag", "history", "app-dev/app:-x"));
        cases.add(
                new Case("bad reference", 2, "image reference", "import-image", "app-dev/app:x", "--from", "UPPER//x"));
        cases.add(new Case("missing --from for a new tag", 2, "--from is required", "import-image", "app-dev/app:new"));
        cases.add(new Case("missing --from for a new stream", 2, "--from is required", "import-image", "app-qa/app"));
        cases.add(new Case("missing stream to describe", 1, "no image stream app-qa/app", "describe", "app-qa/app"));
        cases.add(new Case("unknown tag in history", 1, "has no tag 'nope'", "history", "app-dev/app:nope"));
        cases.add(new Case(
                "unknown source tag",
                1,
                "is not currently pointing to an image",
                "tag",
                "app-dev/app:nope",
                "app-staging/app:latest"));
        cases.add(new Case(
                "registry reference without docker://", 2, "docker://", "tag", repo + ":1", "app-staging/app:latest"));
        cases.add(new Case(
                "scheduled stream tag",
                2,
                "only registry images",
                "tag",
                "--scheduled",
                "app-dev/app:latest",
                "app-staging/app:latest"));
        cases.add(new Case("tag without destination", 2, "at least one DEST", "tag", "app-dev/app:latest"));
        cases.add(new Case("delete a missing tag", 1, "has no tag 'nope'", "tag", "-d", "app-dev/app:nope"));
        cases.add(new Case(
                "bad import mode",
                2,
                "--import-mode 'Sometimes' is invalid",
                "import-image",
                "app-dev/app:latest",
                "--from",
                repo + ":1",
                "--import-mode",
                "Sometimes"));
        cases.add(new Case(
                "bad reference policy",
                2,
                "--reference-policy 'Remote' is invalid",
                "import-image",
                "app-dev/app:latest",
                "--from",
                repo + ":1",
                "--reference-policy",
                "Remote"));
        cases.add(new Case(
                "--all with a tag",
                2,
                "without ':TAG'",
                "import-image",
                "app-dev/app:latest",
                "--from",
                repo,
                "--all"));
        cases.add(new Case(
                "--max-tags without --all",
                2,
                "--max-tags only applies with --all",
                "import-image",
                "app-dev/app:latest",
                "--max-tags",
                "3"));
        cases.add(new Case("unknown kind to get", 2, "cannot get 'pods'", "get", "pods"));
        cases.add(new Case(
                "copy-to with a tag",
                2,
                "--copy-to",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--copy-to",
                repo + ":9"));
        cases.add(
                new Case("promote without --to", 2, "Missing required option: '--to", "promote", "app-dev/app:latest"));
        cases.add(new Case(
                "gate refuses",
                1,
                "refused by gate",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--require-from",
                "app-staging/app:latest"));
        cases.add(new Case(
                "bad workload",
                2,
                "workload target",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--deploy",
                "deployment/only-two"));
        cases.add(new Case(
                "watch listen without secret",
                2,
                "--listen needs --webhook-secret",
                "watch",
                "--listen",
                "127.0.0.1:0"));
        cases.add(new Case(
                "watch short secret",
                2,
                "--webhook-secret",
                "watch",
                "--listen",
                "127.0.0.1:0",
                "--webhook-secret",
                "short"));
        cases.add(new Case("watch interval too short", 2, "too short", "watch", "--interval", "1s"));
        cases.add(new Case("bad duration", 2, "is not a duration", "watch", "--interval", "soon"));
        cases.add(new Case("bad creds", 2, "--creds must be USER:PASSWORD", "digest", repo + ":1", "--creds", "x"));
        cases.add(new Case(
                "missing config file",
                2,
                "does not exist",
                "--config",
                TMP.getRoot() + "/nope.yaml",
                "get",
                "streams"));
        cases.add(new Case("bad config file", 2, "tag 'x'", "--config", badConfig.toString(), "get", "streams"));
        cases.add(new Case(
                "unknown image in the registry",
                1,
                "failed (NotFound)",
                "import-image",
                "app-dev/app:latest",
                "--from",
                repo + ":404"));
        cases.add(new Case(
                "unreachable registry", 1, "cannot talk to " + deadRegistry, "digest", deadRegistry + "/demo/app:1"));
        cases.add(new Case(
                "unreachable copy source", 1, deadRegistry, "copy", deadRegistry + "/demo/app:1", repo + ":copy"));
        Path notAKey = TMP.newFile("not-a-key.pem").toPath();
        Files.writeString(notAKey, "");
        cases.add(new Case(
                "signature key file missing",
                2,
                "--require-signature " + TMP.getRoot() + "/absent.pem does not exist",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--require-signature",
                TMP.getRoot() + "/absent.pem"));
        cases.add(new Case(
                "empty signature key file",
                2,
                "requireSignature needs at least one public key",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--require-signature",
                notAKey.toString()));
        Path text = TMP.newFile("text.pem").toPath();
        Files.writeString(text, "hello\n");
        cases.add(new Case(
                "signature key file without a PEM block",
                2,
                "--require-signature [" + text + "]: requireSignature:",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--require-signature",
                text.toString()));
        cases.add(new Case(
                "signature identity without a key",
                2,
                "--signature-identity applies to --require-signature",
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-prod/app:latest",
                "--signature-identity",
                "matchRepository"));
        return cases;
    }

    @Test
    public void everyBadInputExitsWithOneLineAndChangesNoStoredFile() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Case c : cases()) {
            Map<String, String> before = cli.snapshot();
            Cli.Result result = cli.run(c.args());
            String[] errLines = result.err().strip().split("\n");
            boolean usageHint = errLines.length == 2 && errLines[1].startsWith("Run 'imagestreams ");
            if (result.exit() != c.exit()) {
                problems.add(c.why() + ": exit " + result.exit() + ", expected " + c.exit() + "\n" + result);
            } else if (!result.err().contains(c.message())) {
                problems.add(c.why() + ": error does not mention '" + c.message() + "'\n" + result);
            } else if (errLines.length != 1 && !usageHint) {
                problems.add(c.why() + ": error is not one line\n" + result);
            } else if (!errLines[0].startsWith("imagestreams: ")) {
                problems.add(c.why() + ": error does not start with 'imagestreams: '\n" + result);
            } else if (!result.out().isEmpty()) {
                problems.add(c.why() + ": printed to standard output\n" + result);
            }
            Map<String, String> after = cli.snapshot();
            if (!c.why().equals("unknown image in the registry") && !after.equals(before)) {
                problems.add(c.why() + ": changed the store");
            }
        }
        assertThat(String.join("\n\n", problems)).isEmpty();
    }

    @Test
    public void aFailedImportKeepsTheLastGoodImageAndRecordsTheCondition() throws Exception {
        Cli.Result result = cli.run("import-image", "app-dev/app:broken", "--from", repo + ":missing");
        assertThat(result.exit()).isEqualTo(Main.FAILURE);
        Cli.Result good = cli.run("history", "app-dev/app:latest", "-o", "json");
        assertThat(good.json().path("items")).hasSize(1);
        String describe = cli.run("describe", "app-dev/app").out();
        assertThat(describe).contains("broken").contains("! error: Import failed (NotFound)");
    }
}
