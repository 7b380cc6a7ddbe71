package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.RequiredTools;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code promote --sign-key} signs the promoted image with an encrypted key file, {@code --require-signature} then
 * admits it into the next environment, and {@code describe} shows both signatures.
 */
public class SignedPromoteTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Path openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return dir.resolve(args[args.length - 1]);
    }

    @Test
    public void aPromotionSignedWithAnEncryptedKeyPassesTheNextSignatureGate() throws Exception {
        RequiredTools.check("openssl");
        Path dir = TMP.newFolder().toPath();
        Path plain =
                openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        Path key = openssl(
                dir,
                "pkcs8",
                "-topk8",
                "-in",
                plain.toString(),
                "-v2",
                "aes-256-cbc",
                "-passout",
                "pass:s3cret",
                "-out",
                "enc.pem");
        Path pub = openssl(dir, "pkey", "-in", plain.toString(), "-pubout", "-out", "k.pub");
        Path pass = Files.writeString(dir.resolve("pass.txt"), "s3cret\n");
        Path wrongPass = Files.writeString(dir.resolve("wrong.txt"), "guess\n");
        Cli cli = new Cli(TMP.newFolder("store").toPath());
        Skopeo.push(TestImages.image(TMP.newFolder().toPath(), "signed cli v1"), REGISTRY, "ci/app:1");
        String staging = REGISTRY.host() + "/staging/app";
        assertThat(cli.run("import-image", "app-dev/app:latest", "--from", REGISTRY.host() + "/ci/app:1")
                        .exit())
                .isZero();

        Cli.Result wrong = cli.run(
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-staging/app:latest",
                "--copy-to",
                staging,
                "--sign-key",
                key.toString(),
                "--sign-passphrase-file",
                wrongPass.toString());
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.err())
                .contains("--sign-key " + key)
                .doesNotContain("s3cret")
                .doesNotContain("guess");

        Cli.Result unsignedGate = cli.run(
                "promote", "app-dev/app:latest", "--to", "app-prod/app:latest", "--require-signature", pub.toString());
        assertThat(unsignedGate.exit()).as(unsignedGate.toString()).isEqualTo(1);
        assertThat(unsignedGate.err()).contains("refused by gate requireSignature");

        Cli.Result signed = cli.run(
                "promote",
                "app-dev/app:latest",
                "--to",
                "app-staging/app:latest",
                "--copy-to",
                staging,
                "--sign-key",
                key.toString(),
                "--sign-passphrase-file",
                pass.toString());
        assertThat(signed.exit()).as(signed.toString()).isZero();
        assertThat(signed.out()).contains("written signature by key SHA256:");

        Cli.Result gated = cli.run(
                "promote",
                "app-staging/app:latest",
                "--to",
                "app-prod/app:latest",
                "--require-signature",
                pub.toString());
        assertThat(gated.exit()).as(gated.toString()).isZero();
        assertThat(gated.out()).contains("verified signature by key SHA256:").contains("for " + staging);

        Cli.Result described = cli.run("describe", "app-prod/app");
        assertThat(described.out()).contains("gate requireSignature").contains("verified signature by key");
    }
}
