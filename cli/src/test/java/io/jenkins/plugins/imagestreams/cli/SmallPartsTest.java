package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.stream.InvalidStreamException;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.Test;

/** Argument parsing, namespace ordering and ages. */
public class SmallPartsTest {
    @Test
    public void streamTagArgumentsDefaultTheNamespaceAndTheTag() {
        assertThat(StreamTagArg.parse("myapp")).isEqualTo(new StreamTagArg(StreamName.parse("myapp"), "latest", false));
        assertThat(StreamTagArg.parse("app-dev/myapp:1.2"))
                .isEqualTo(new StreamTagArg(StreamName.of("app-dev", "myapp"), "1.2", true));
        assertThatThrownBy(() -> StreamTagArg.parseWithTag("app-dev/myapp"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("names no tag");
        assertThatThrownBy(() -> StreamTagArg.parse("myapp@sha256:abc"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("by digest");
        assertThatThrownBy(() -> StreamTagArg.parse("App/..:x")).isInstanceOf(InvalidStreamException.class);
    }

    @Test
    public void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("--x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("--x", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("--x", "PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> Durations.parse("--interval", "soon"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--interval 'soon' is not a duration");
    }

    @Test
    public void byteCountsReadAsFormatWouldWriteThem() {
        assertThat(CopyProgress.bytes(0)).isEqualTo("0 B");
        assertThat(CopyProgress.bytes(1023)).isEqualTo("1023 B");
        long[] counts = {
            1024,
            1075,
            1076,
            1126,
            1127,
            1535,
            1536,
            1048575,
            1048576,
            1101004,
            1101005,
            104857600,
            5 * 1024 * 1024 * 1024L + 52428,
            5 * 1024 * 1024 * 1024L + 52429
        };
        for (long count : counts) {
            String expected = count < 1024 * 1024
                    ? String.format(Locale.ROOT, "%.1f KiB", count / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MiB", count / (1024.0 * 1024));
            assertThat(CopyProgress.bytes(count)).as("%d bytes", count).isEqualTo(expected);
        }
    }

    @Test
    public void copyProgressCountsTheAttachmentsBlobsIntoThePlan() {
        StringWriter out = new StringWriter();
        CopyProgress progress = new CopyProgress(new PrintWriter(out));
        Descriptor blob = new Descriptor("application/octet-stream", Digest.sha256(new byte[0]), 0);

        progress.started(2, 1024);
        progress.blobDone(blob, CopyListener.BlobOutcome.UPLOADED);
        progress.blobDone(blob, CopyListener.BlobOutcome.UPLOADED);
        progress.attachmentBlobs(8, 512);
        progress.bytesTransferred(1536);
        progress.finish();

        String[] lines = out.toString().trim().split("\r");
        assertThat(lines[lines.length - 1].trim()).isEqualTo("copying: 2/10 blobs, 1.5 KiB of 1.5 KiB");
    }

    @Test
    public void agesAreShortLikeKubectls() {
        Instant now = Instant.parse("2026-01-02T00:00:00Z");
        assertThat(Ages.between(now.minusSeconds(45), now)).isEqualTo("45s");
        assertThat(Ages.between(now.minusSeconds(600), now)).isEqualTo("10m");
        assertThat(Ages.between(now.minusSeconds(5 * 3600), now)).isEqualTo("5h");
        assertThat(Ages.between(now.minusSeconds(3 * 86400), now)).isEqualTo("3d");
        assertThat(Ages.between(now.plusSeconds(5), now)).isEqualTo("0s");
    }
}
