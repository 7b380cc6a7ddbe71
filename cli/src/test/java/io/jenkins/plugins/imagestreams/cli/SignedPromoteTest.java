package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    public void aPromotionSignedWithAnEncryptedKeyPassesTheNextSignatureGate() throws Exception {
        Path dir = TMP.newFolder().toPath();
        OpenSsl openssl = new OpenSsl(dir);
        Path plain = openssl.ecKey("P-256");
        Path key = openssl.encrypted(plain, "s3cret");
        Path pub = openssl.publicKey(plain);
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
