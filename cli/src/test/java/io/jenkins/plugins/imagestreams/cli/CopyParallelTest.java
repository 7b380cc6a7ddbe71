package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Duration;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code copy --parallel N} moves N blobs at once, beyond the pool every command has. */
public class CopyParallelTest {
    @ClassRule
    public static final RegistryFixture SOURCE = RegistryFixture.plain();

    @ClassRule
    public static final RegistryFixture TARGET = RegistryFixture.plain();

    @Rule
    public final FaultProxy source = FaultProxy.inFrontOf(SOURCE);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void sixBlobsMoveAtOnceWhenSixAreAskedFor() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "six layers", 6, 1_000);
        Skopeo.push(image, SOURCE, "src/wide:1");
        // each blob read waits, so that every transfer the copier runs at once is under way at the same time
        source.add(FaultRule.on("GET", "/v2/src/wide/blobs/.+").inject(Fault.stall(Duration.ofMillis(700))));
        Cli cli = new Cli(tmp.newFolder("store").toPath());

        Cli.Result result = cli.run(
                "copy",
                "--parallel",
                "6",
                "--no-attachments",
                source.host() + "/src/wide:1",
                TARGET.host() + "/dst/wide:1");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("7 blobs uploaded");
        assertThat(source.mostServedAtOnce())
                .as("blob reads under way at once, the config and 6 layers moving 6 at a time")
                .isEqualTo(6);
    }
}
