package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.registry.BlobSource;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/** A blob's content is written whole, opened anew for each attempt, and refused when its source gives another length. */
public class BodyTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);

    @Test
    public void aBlobIsOpenedForEachWriteAndWrittenWhole() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Body body = Body.of(
                () -> {
                    opened.incrementAndGet();
                    return BlobSource.of(ABC).open();
                },
                3);

        for (int attempt = 1; attempt <= 2; attempt++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.writeTo(out);
            assertThat(out.toByteArray()).isEqualTo(ABC);
        }
        assertThat(opened.get()).isEqualTo(2);
    }

    @Test
    public void aSourceShorterOrLongerThanTheLengthIsRefusedWithTheCounts() {
        assertThatThrownBy(() -> Body.of(BlobSource.of(ABC), 5).writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(Body.SourceException.class)
                .hasMessage("the blob to upload ended after 3 of its 5 bytes");
        assertThatThrownBy(() -> Body.of(BlobSource.of(ABC), 2).writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(Body.SourceException.class)
                .hasMessage("the blob to upload has more than its 2 bytes");
    }

    @Test
    public void aSourceThatCannotBeOpenedIsNamedAsTheBlobToUpload() {
        Body body = Body.of(
                () -> {
                    throw new FileNotFoundException("layer.tar");
                },
                3);
        assertThatThrownBy(() -> body.writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(Body.SourceException.class)
                .hasMessage("cannot read the blob to upload: layer.tar");
    }

    @Test
    public void anEmptyBlobIsNoBody() {
        assertThat(Body.of(BlobSource.of(new byte[0]), 0)).isSameAs(Body.NONE);
        assertThatThrownBy(() -> Body.of(BlobSource.of(ABC), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
