package io.jenkins.plugins.imagestreams.signature;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

/**
 * How each {@link KeyAlgorithm} signs and which signatures it accepts, as cosign with a key: ECDSA with SHA-256 in
 * ASN.1 DER (and SHA-384 on P-384), RSA PKCS#1 v1.5 with SHA-256 (and PSS with SHA-256, salt of the hash's length or
 * the largest), Ed25519 over the message itself.
 */
final class SignatureSchemes {
    private static final int SHA256_BYTES = 32;

    private SignatureSchemes() {}

    /**
     * A signature over {@code message} in the scheme cosign writes for {@code algorithm}.
     *
     * @throws GeneralSecurityException when the key cannot sign
     */
    static byte[] sign(KeyAlgorithm algorithm, PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(signingScheme(algorithm));
        signer.initSign(key);
        signer.update(message);
        return signer.sign();
    }

    /** Whether {@code signature} over {@code message} verifies with {@code key} in any scheme of its algorithm. */
    static boolean verify(KeyAlgorithm algorithm, PublicKey key, byte[] message, byte[] signature) {
        for (Signature verifier : verifiers(algorithm, key)) {
            try {
                verifier.initVerify(key);
                verifier.update(message);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature (not DER, wrong length) is one that does not verify
            }
        }
        return false;
    }

    private static String signingScheme(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case ECDSA_P256, ECDSA_P384 -> "SHA256withECDSA";
            case RSA -> "SHA256withRSA";
            case ED25519 -> "Ed25519";
        };
    }

    private static List<Signature> verifiers(KeyAlgorithm algorithm, PublicKey key) {
        try {
            return switch (algorithm) {
                case ECDSA_P256 -> List.of(Signature.getInstance("SHA256withECDSA"));
                case ECDSA_P384 ->
                    List.of(Signature.getInstance("SHA256withECDSA"), Signature.getInstance("SHA384withECDSA"));
                case RSA ->
                    List.of(
                            Signature.getInstance("SHA256withRSA"),
                            pss(SHA256_BYTES),
                            pss(maxSaltBytes(((RSAKey) key).getModulus().bitLength())));
                case ED25519 -> List.of(Signature.getInstance("Ed25519"));
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify " + algorithm + " signatures: " + e.getMessage(), e);
        }
    }

    private static Signature pss(int saltBytes) throws GeneralSecurityException {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltBytes, 1));
        return pss;
    }

    /** The largest PSS salt for a modulus of {@code bits}: emLen - hLen - 2 (RFC 8017, 9.1.1). */
    private static int maxSaltBytes(int bits) {
        return (bits - 1 + 7) / 8 - SHA256_BYTES - 2;
    }
}
