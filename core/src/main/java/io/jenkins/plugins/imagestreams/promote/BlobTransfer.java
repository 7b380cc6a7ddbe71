package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyListener.BlobOutcome;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings one blob from the source repository to the target repository by the cheapest way that works: nothing when
 * the target has it, a cross-repository mount on the same registry, else a stream from source to target that never
 * touches disk and holds no more than the HTTP client's buffers.
 */
final class BlobTransfer {
    private final RegistryClient client;
    private final ImageReference source;
    private final ImageReference target;
    private final CopyListener listener;

    BlobTransfer(RegistryClient client, ImageReference source, ImageReference target, CopyListener listener) {
        this.client = client;
        this.source = source;
        this.target = target;
        this.listener = listener;
    }

    BlobOutcome transfer(Descriptor blob) throws RegistryException {
        Digest digest = blob.digest();
        boolean sameRegistry = source.registry().equals(target.registry());
        boolean sameRepository = sameRegistry && source.repository().equals(target.repository());
        if (sameRegistry && !sameRepository && client.mountBlob(target, digest, source.repository())) {
            return BlobOutcome.MOUNTED;
        }
        if (client.blobExists(target, digest)) {
            return BlobOutcome.SKIPPED;
        }
        stream(blob);
        return BlobOutcome.UPLOADED;
    }

    private void stream(Descriptor blob) throws RegistryException {
        List<InputStream> opened = new ArrayList<>();
        BlobSource content = () -> {
            InputStream in;
            try {
                in = new Counting(client.openBlobForUpload(source, blob.digest()), listener);
            } catch (RegistryException e) {
                throw new IOException(e.getMessage(), e);
            }
            synchronized (opened) {
                opened.add(in);
            }
            return in;
        };
        try {
            client.uploadBlob(target, blob.digest(), blob.size(), content);
        } finally {
            synchronized (opened) {
                for (InputStream in : opened) {
                    closeQuietly(in);
                }
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the upload's outcome is already decided; a failed close of a download changes nothing
        }
    }

    /** Reports bytes as the upload reads them. */
    private static final class Counting extends FilterInputStream {
        private final CopyListener listener;

        Counting(InputStream in, CopyListener listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                listener.bytesTransferred(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                listener.bytesTransferred(n);
            }
            return n;
        }
    }
}
