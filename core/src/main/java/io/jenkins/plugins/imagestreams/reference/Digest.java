package io.jenkins.plugins.imagestreams.reference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A content digest, {@code algorithm:hex}, as the OCI image specification defines it.
 *
 * <p>Only the registered algorithms {@code sha256} and {@code sha512} are accepted, with lowercase hex of their exact
 * length, so two equal digests always have one spelling.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public final class Digest implements Comparable<Digest> {
    /**
     * The most bytes hashed with {@link Sha256} rather than the JDK's provider: the 4 MiB the distribution spec asks a
     * registry to accept for a manifest.
     */
    static final long SMALL_CONTENT = 4L << 20;

    private final String algorithm;
    private final String hex;

    private Digest(String algorithm, String hex) {
        this.algorithm = algorithm;
        this.hex = hex;
    }

    /**
     * Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
     *
     * @throws InvalidReferenceException naming the part that is wrong
     */
    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException("digest is empty; expected sha256:<64 lowercase hex characters>");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidReferenceException("digest '" + abbreviate(text)
                    + "' has no algorithm; expected sha256:<64 lowercase hex characters>");
        }
        String algorithm = knownAlgorithm(text, colon);
        String hex = text.substring(colon + 1);
        int length = hexLength(algorithm);
        if (length < 0) {
            throw new InvalidReferenceException("digest '" + abbreviate(text) + "' uses unsupported algorithm '"
                    + abbreviate(algorithm) + "'; expected sha256 or sha512");
        }
        if (hex.length() != length || !isLowerHex(hex)) {
            throw new InvalidReferenceException("digest '" + abbreviate(text) + "' must have " + length
                    + " lowercase hex characters after '" + algorithm + ":'");
        }
        return new Digest(algorithm, hex);
    }

    /** Whether every character of {@code text} is one of {@code 0-9a-f}: a loop, as a stream load checks thousands. */
    private static boolean isLowerHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code text} is a valid digest, without throwing. */
    public static boolean isDigest(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    /** The sha256 digest of {@code content}. */
    public static Digest sha256(byte[] content) {
        return new Digest("sha256", hexOf("sha256", content));
    }

    /** A digest of {@code algorithm} from the bytes a {@link MessageDigest} produced. */
    public static Digest of(String algorithm, byte[] digestBytes) {
        return parse(algorithm + ":" + HexFormat.of().formatHex(digestBytes));
    }

    /**
     * A fresh {@link MessageDigest} for this digest's algorithm, to verify streamed content against it.
     *
     * @param size how many bytes will be hashed, or {@code -1} when that is not known
     */
    public MessageDigest newMessageDigest(long size) {
        return newMessageDigest(algorithm, size);
    }

    /** Whether {@code content} hashes to this digest. */
    public boolean matches(byte[] content) {
        return hex.equals(hexOf(algorithm, content));
    }

    public String algorithm() {
        return algorithm;
    }

    public String hex() {
        return hex;
    }

    /** The first 12 hex characters, as people read digests ({@code sha256:0c0361b1e9ac}). */
    public String shortForm() {
        return algorithm + ":" + hex.substring(0, 12);
    }

    /** The hex of {@code content} hashed by {@code algorithm}. */
    private static String hexOf(String algorithm, byte[] content) {
        return HexFormat.of()
                .formatHex(newMessageDigest(algorithm, content.length).digest(content));
    }

    private static MessageDigest newMessageDigest(String algorithm, long size) {
        if (algorithm.equals("sha256") && size >= 0 && size <= SMALL_CONTENT) {
            return new Sha256();
        }
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /**
     * The algorithm before {@code colon}: the constant when it is sha256 or sha512, so that the digests a store load
     * makes by the hundred thousand share one string, else the text as written.
     */
    private static String knownAlgorithm(String text, int colon) {
        if (text.startsWith("sha256:")) {
            return "sha256";
        }
        return text.startsWith("sha512:") ? "sha512" : text.substring(0, colon);
    }

    private static int hexLength(String algorithm) {
        if (algorithm.equals("sha256")) {
            return 64;
        }
        return algorithm.equals("sha512") ? 128 : -1;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest other && algorithm.equals(other.algorithm) && hex.equals(other.hex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, hex);
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
