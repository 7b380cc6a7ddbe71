package io.jenkins.plugins.imagestreams.signature;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;

/**
 * The key algorithms cosign signs and verifies with when given a key: ECDSA on P-256 or P-384, RSA of 2048 to 8192
 * bits, and Ed25519.
 */
public enum KeyAlgorithm {
    ECDSA_P256("ECDSA P-256"),
    ECDSA_P384("ECDSA P-384"),
    RSA("RSA"),
    ED25519("Ed25519");

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;

    private static final ECParameterSpec P256 = curve("secp256r1");
    private static final ECParameterSpec P384 = curve("secp384r1");

    private final String displayName;

    KeyAlgorithm(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The algorithm of {@code key}, public or private.
     *
     * @throws KeyException for another algorithm, curve or an RSA size out of range
     */
    static KeyAlgorithm of(Key key) {
        if (key instanceof ECKey ec) {
            ECParameterSpec params = ec.getParams();
            if (sameCurve(params, P256)) {
                return ECDSA_P256;
            }
            if (sameCurve(params, P384)) {
                return ECDSA_P384;
            }
            throw new KeyException("EC key on curve '" + params + "' is not supported; use P-256 or P-384");
        }
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new KeyException("RSA key of " + bits + " bits is not supported; use " + MIN_RSA_BITS + " to "
                        + MAX_RSA_BITS + " bits");
            }
            return RSA;
        }
        if (key instanceof EdECKey ed
                && NamedParameterSpec.ED25519
                        .getName()
                        .equalsIgnoreCase(ed.getParams().getName())) {
            return ED25519;
        }
        throw new KeyException(key.getAlgorithm() + " key is not supported; use ECDSA P-256 or P-384, RSA or Ed25519");
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve())
                && a.getOrder().equals(b.getOrder())
                && a.getGenerator().equals(b.getGenerator())
                && a.getCofactor() == b.getCofactor();
    }

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(name));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + name, e);
        }
    }

    /** {@code ECDSA P-256}, {@code RSA}, {@code Ed25519}. */
    @Override
    public String toString() {
        return displayName;
    }
}
