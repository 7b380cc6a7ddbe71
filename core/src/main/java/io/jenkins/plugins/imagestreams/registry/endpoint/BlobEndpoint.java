package io.jenkins.plugins.imagestreams.registry.endpoint;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobStream;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.transport.Request;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.util.List;
import java.util.Optional;

/**
 * {@code HEAD} and {@code GET /v2/<name>/blobs/<digest>}; GET follows redirects itself, without credentials.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class BlobEndpoint {
    private static final int MAX_REDIRECTS = 5;

    private final Transport transport;

    public BlobEndpoint(Transport transport) {
        this.transport = transport;
    }

    public boolean exists(ImageReference repository, Digest blob) throws RegistryException {
        String action = Actions.ofBlob("check", repository, blob);
        Request head =
                Request.of(repository, "HEAD", path(repository, blob), List.of(Request.pull(repository)), action);
        try (Response response = transport.send(head)) {
            if (response.status() == 200) {
                return true;
            }
            if (response.status() == 404) {
                return false;
            }
            throw response.failure(ErrorCode.BLOB_UNKNOWN);
        }
    }

    public BlobStream open(ImageReference repository, Digest blob) throws RegistryException {
        return open(repository, blob, true);
    }

    /** {@link #open}, for passing on to an upload of the same digest: not hashed (see {@link BlobStream#forUpload}). */
    public BlobStream openForUpload(ImageReference repository, Digest blob) throws RegistryException {
        return open(repository, blob, false);
    }

    private BlobStream open(ImageReference repository, Digest blob, boolean hashing) throws RegistryException {
        String action = Actions.ofBlob("download", repository, blob);
        String target = path(repository, blob);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Request get = Request.of(repository, "GET", target, List.of(Request.pull(repository)), action)
                    .streamingBlob();
            Response response = transport.send(get);
            int status = response.status();
            if (status == 200) {
                long size =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                return hashing
                        ? new BlobStream(response.stream(), blob, size, action)
                        : BlobStream.forUpload(response.stream(), blob, size, action);
            }
            Optional<String> location = response.header("Location");
            if (isRedirect(status) && location.isPresent()) {
                try (response) {
                    target = response.resolve(location.get());
                }
                continue;
            }
            try (response) {
                throw response.failure(ErrorCode.BLOB_UNKNOWN);
            }
        }
        throw new RegistryException(ErrorCode.UNKNOWN, 0, action, "more than " + MAX_REDIRECTS + " redirects", null);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static String path(ImageReference repository, Digest blob) {
        return "/v2/" + repository.repository() + "/blobs/" + blob;
    }
}
