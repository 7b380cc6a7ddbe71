package io.jenkins.plugins.imagestreams.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A private key that signs: ECDSA P-256 or P-384, RSA (2048 to 8192 bits) or Ed25519, read from a PEM {@code PRIVATE
 * KEY} or {@code ENCRYPTED PRIVATE KEY} block (PKCS#8, PBES2). It never shows its key material: {@link #toString()}
 * names the algorithm and the public key's id only.
 */
public final class SigningKey {
    private static final byte[] CHECK = "image-streams signing key check".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey key;
    private final VerificationKey verificationKey;

    private SigningKey(PrivateKey key, VerificationKey verificationKey) {
        this.key = key;
        this.verificationKey = verificationKey;
    }

    /**
     * The one private key in {@code pem}, decrypted with {@code passphrase} when it is encrypted. The passphrase is not
     * kept (the caller may clear its array afterwards) and is ignored for a key that is not encrypted.
     *
     * @param passphrase {@code null} or empty for a key without one
     * @throws KeyException when the text holds no private key or more than one, a PEM type other than PKCS#8 (the
     *     message says how to convert it), an unsupported algorithm, or the passphrase is wrong
     */
    public static SigningKey parse(byte[] pem, char[] passphrase) {
        Objects.requireNonNull(pem, "pem");
        Pem.Block block = privateKeyBlock(Pem.blocks(new String(pem, StandardCharsets.ISO_8859_1)));
        byte[] pkcs8 = block.label().equals(PemTypes.ENCRYPTED_PRIVATE_KEY)
                ? EncryptedPkcs8.decrypt(block, passphrase)
                : block.der();
        try {
            PrivateKey key = KeyDecoder.decode(new PKCS8EncodedKeySpec(pkcs8), KeyFactory::generatePrivate)
                    .orElseThrow(() -> new KeyException(block.describe()
                            + " is not an ECDSA P-256/P-384, RSA or Ed25519 private key (PKCS#8 DER)"));
            return of(block, key, pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * The private key in the PEM file {@code file}, as {@link #parse(byte[], char[])}.
     *
     * @throws KeyException naming the file and what is wrong with it, also when it cannot be read
     */
    public static SigningKey read(Path file, char[] passphrase) {
        byte[] pem = null;
        try {
            pem = Files.readAllBytes(file);
            return parse(pem, passphrase);
        } catch (IOException e) {
            throw new KeyException("cannot read private key file " + file + ": " + e.getMessage(), e);
        } catch (KeyException e) {
            throw new KeyException("private key file " + file + ": " + e.getMessage(), e);
        } finally {
            if (pem != null) {
                Arrays.fill(pem, (byte) 0);
            }
        }
    }

    private static Pem.Block privateKeyBlock(List<Pem.Block> blocks) {
        List<Pem.Block> keys =
                blocks.stream().filter(b -> PemTypes.isPrivateKey(b.label())).toList();
        for (Pem.Block block : keys) {
            if (!PemTypes.isPkcs8PrivateKey(block.label())) {
                throw new KeyException(PemTypes.notAPrivateKey(block));
            }
        }
        if (keys.isEmpty()) {
            throw new KeyException(PemTypes.notAPrivateKey(blocks.get(0)));
        }
        if (keys.size() > 1) {
            throw new KeyException("found " + keys.size() + " private keys; expected one");
        }
        return keys.get(0);
    }

    /** Checks that the key is supported and that its public key verifies what it signs. */
    private static SigningKey of(Pem.Block block, PrivateKey key, byte[] pkcs8) {
        try {
            KeyAlgorithm algorithm = KeyAlgorithm.of(key);
            VerificationKey verificationKey = VerificationKey.of(PublicKeys.of(key, pkcs8));
            if (verificationKey.algorithm() != algorithm
                    || !verificationKey.verifies(CHECK, SignatureSchemes.sign(algorithm, key, CHECK))) {
                throw new KeyException("its public key does not verify what it signs; the key is damaged");
            }
            return new SigningKey(key, verificationKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            // the JDK throws unchecked exceptions, too, for keys whose numbers are inconsistent
            throw new KeyException(block.describe() + ": " + e.getMessage(), e);
        }
    }

    /** A signature over exactly {@code payload}: ECDSA with SHA-256 (DER), RSA PKCS#1 v1.5 with SHA-256, or Ed25519. */
    public byte[] sign(byte[] payload) {
        try {
            return SignatureSchemes.sign(verificationKey.algorithm(), key, payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the " + this + " signed when it was read but fails now: " + e.getMessage(), e);
        }
    }

    /** The id of the public key, as {@link VerificationKey#id()} gives it. */
    public String id() {
        return verificationKey.id();
    }

    public KeyAlgorithm algorithm() {
        return verificationKey.algorithm();
    }

    /** The public key that verifies this key's signatures. */
    public VerificationKey verificationKey() {
        return verificationKey;
    }

    /** Names the algorithm and the public key's id; never key material. */
    @Override
    public String toString() {
        return "SigningKey[" + algorithm() + ", " + id() + ", private key not shown]";
    }
}
