package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A public key that signatures are verified with: ECDSA P-256 or P-384, RSA (2048 to 8192 bits) or Ed25519, read from
 * a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo), as {@code cosign public-key} and {@code openssl pkey -pubout}
 * write it.
 */
public final class VerificationKey {
    private final PublicKey key;
    private final KeyAlgorithm algorithm;
    private final String id;

    private VerificationKey(PublicKey key, KeyAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
        this.id = idOf(key.getEncoded());
    }

    /**
     * A checked key from a JDK public key.
     *
     * @throws KeyException for an algorithm, curve or size that is not supported
     */
    public static VerificationKey of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        return new VerificationKey(key, KeyAlgorithm.of(key));
    }

    /**
     * The one key in {@code pem}.
     *
     * @throws KeyException when the text holds no key, more than one, or another PEM type (the message says how to
     *     convert it)
     */
    public static VerificationKey parse(String pem) {
        List<VerificationKey> keys = parseAll(pem);
        if (keys.size() != 1) {
            throw new KeyException("expected one PUBLIC KEY block, found " + keys.size());
        }
        return keys.get(0);
    }

    /**
     * Every key in {@code pem}, which holds one or more {@code PUBLIC KEY} blocks and nothing else.
     *
     * @throws KeyException naming the first block that is not a usable public key
     */
    public static List<VerificationKey> parseAll(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<VerificationKey> keys = new ArrayList<>();
        for (Pem.Block block : Pem.blocks(pem)) {
            if (!block.label().equals(PemTypes.PUBLIC_KEY)) {
                throw new KeyException(PemTypes.notAPublicKey(block));
            }
            keys.add(fromDer(block));
        }
        return List.copyOf(keys);
    }

    /**
     * Every key in the PEM file {@code file}.
     *
     * @throws KeyException naming the file and what is wrong with it, also when it cannot be read
     */
    public static List<VerificationKey> read(Path file) {
        try {
            return parseAll(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new KeyException("cannot read public key file " + file + ": " + e.getMessage(), e);
        } catch (KeyException e) {
            throw new KeyException("public key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static VerificationKey fromDer(Pem.Block block) {
        PublicKey key = KeyDecoder.decode(new X509EncodedKeySpec(block.der()), KeyFactory::generatePublic)
                .orElseThrow(() -> new KeyException(block.describe()
                        + " is not an ECDSA P-256/P-384, RSA or Ed25519 public key (SubjectPublicKeyInfo DER)"));
        try {
            return of(key);
        } catch (KeyException e) {
            throw new KeyException(block.describe() + ": " + e.getMessage());
        }
    }

    /** {@code SHA256:} and the first 16 hex digits of the sha256 of the key's SubjectPublicKeyInfo DER. */
    static String idOf(byte[] subjectPublicKeyInfo) {
        return "SHA256:" + Digest.sha256(subjectPublicKeyInfo).hex().substring(0, 16);
    }

    /**
     * Whether {@code signature} is a signature over exactly {@code payload} by this key, in a scheme cosign uses for
     * its algorithm. A malformed signature does not verify.
     */
    public boolean verifies(byte[] payload, byte[] signature) {
        return SignatureSchemes.verify(algorithm, key, payload, signature);
    }

    /** {@code SHA256:<first 16 hex digits of sha256(SubjectPublicKeyInfo)>}, to name the key in messages. */
    public String id() {
        return id;
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** The key's SubjectPublicKeyInfo DER. */
    public byte[] encoded() {
        return key.getEncoded();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey other && Arrays.equals(key.getEncoded(), other.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "VerificationKey[" + algorithm + ", " + id + "]";
    }
}
