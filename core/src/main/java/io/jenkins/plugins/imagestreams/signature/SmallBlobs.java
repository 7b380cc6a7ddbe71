package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.BlobStream;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.io.IOException;

/** Reads and writes the small blobs of a signature (payloads, configs) whole, never more than a stated limit. */
final class SmallBlobs {
    private SmallBlobs() {}

    /**
     * The content of {@code blob}, verified against its digest.
     *
     * @param what names the blob in messages: {@code payload of signature 2}
     * @throws RegistryException {@link ErrorCode#TOO_LARGE} past {@code limit} bytes (without reading further), {@link
     *     ErrorCode#DIGEST_MISMATCH} when the content does not hash to {@code blob}, and the registry's failures
     */
    static byte[] read(RegistryClient client, ImageReference repository, Digest blob, int limit, String what)
            throws RegistryException {
        String action = "read " + what + " " + blob.shortForm() + " from " + repository.name();
        try (BlobStream in = client.openBlob(repository, blob)) {
            if (in.size() > limit) {
                throw tooLarge(action, limit, " (" + in.size() + " bytes announced)");
            }
            byte[] content = in.readNBytes(limit + 1);
            if (content.length > limit) {
                throw tooLarge(action, limit, "");
            }
            return content;
        } catch (BlobStream.DigestMismatchException e) {
            throw e.registryException();
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.CONNECTION, 0, action, e.getMessage(), e);
        }
    }

    /** Uploads {@code content} to {@code repository} unless the registry has it already; returns its digest. */
    static Digest write(RegistryClient client, ImageReference repository, byte[] content) throws RegistryException {
        Digest digest = Digest.sha256(content);
        if (!client.blobExists(repository, digest)) {
            client.uploadBlob(repository, digest, content.length, BlobSource.of(content));
        }
        return digest;
    }

    private static RegistryException tooLarge(String action, int limit, String announced) {
        return new RegistryException(
                ErrorCode.TOO_LARGE, 0, action, "it is larger than the " + limit + " bytes allowed" + announced, null);
    }
}
