package io.jenkins.plugins.imagestreams.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * sha256 digests as OCI writes them, {@code sha256:<64 lowercase hex>}, kept as plain strings: the fixture has no
 * digest type of its own, and a test compares with core's by parsing ({@code Digest.parse(image.digest())}).
 */
final class Sha256 {
    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

    private Sha256() {}

    static MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of {@code content}. */
    static String of(byte[] content) {
        return finish(newMessageDigest().digest(content));
    }

    /** The digest whose 32 bytes {@code hash} are, e.g. {@link MessageDigest#digest()} after streaming. */
    static String finish(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    /** The hex part of {@code digest}, also the blob's file name in an OCI layout. */
    static String hex(String digest) {
        return requireValid(digest).substring("sha256:".length());
    }

    static String requireValid(String digest) {
        if (digest == null || !FORM.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a sha256 digest (sha256:<64 lowercase hex>): " + digest);
        }
        return digest;
    }
}
