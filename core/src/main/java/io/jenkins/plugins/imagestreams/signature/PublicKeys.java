package io.jenkins.plugins.imagestreams.signature;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * The public key of a private key: from the modulus and exponent of an RSA key, from the public point an EC key's
 * PKCS#8 DER carries (openssl always writes it), and by deriving it from an Ed25519 key's seed with the JDK's own
 * key-pair generator.
 */
final class PublicKeys {
    private static final int CONTEXT_1 = 0xa1;
    private static final int UNCOMPRESSED = 0x04;

    private PublicKeys() {}

    /**
     * The public key of {@code key}, whose PKCS#8 DER is {@code pkcs8}.
     *
     * @throws KeyException when it cannot be had
     */
    static PublicKey of(PrivateKey key, byte[] pkcs8) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (key instanceof ECPrivateKey ec) {
                return KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(ecPoint(pkcs8, ec), ec.getParams()));
            }
            if (key instanceof EdECPrivateKey ed) {
                return ed25519(ed);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyException(
                    "cannot derive the public key of the " + key.getAlgorithm() + " private key: " + e.getMessage(), e);
        }
        throw new KeyException(key.getAlgorithm() + " private key without its public parts is not supported");
    }

    /** The point in the optional {@code publicKey [1] BIT STRING} of the ECPrivateKey inside PKCS#8 (RFC 5915). */
    private static ECPoint ecPoint(byte[] pkcs8, ECPrivateKey key) {
        Der info = new Der(pkcs8).next(Der.SEQUENCE).children();
        info.next(Der.INTEGER);
        info.next(Der.SEQUENCE);
        Der ecPrivateKey = new Der(info.next(Der.OCTET_STRING).content())
                .next(Der.SEQUENCE)
                .children();
        ecPrivateKey.next(Der.INTEGER);
        ecPrivateKey.next(Der.OCTET_STRING);
        while (ecPrivateKey.hasNext()) {
            Der.Element element = ecPrivateKey.next();
            if (element.tag() == CONTEXT_1) {
                return decodePoint(element.children().next(Der.BIT_STRING).content(), key.getParams());
            }
        }
        throw new KeyException("the EC private key does not carry its public key; write it again with"
                + " 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem'");
    }

    private static ECPoint decodePoint(byte[] bitString, ECParameterSpec params) {
        int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
        if (bitString.length != 2 + 2 * size || bitString[0] != 0 || bitString[1] != UNCOMPRESSED) {
            throw new KeyException("the EC private key's public key is not an uncompressed point of its curve");
        }
        return new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(bitString, 2, 2 + size)),
                new BigInteger(1, Arrays.copyOfRange(bitString, 2 + size, bitString.length)));
    }

    /** Ed25519's public key is a function of the 32-byte seed; the JDK's generator computes it from given bytes. */
    private static PublicKey ed25519(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new KeyException("the Ed25519 private key has no seed"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            return generator.generateKeyPair().getPublic();
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** A "random" source that gives the seed: the generator then makes the key pair of that seed. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException(
                        "the Ed25519 generator asked for " + out.length + " bytes, not " + bytes.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
