package io.jenkins.plugins.imagestreams.signature;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.security.auth.DestroyFailedException;

/**
 * Decrypts an {@code ENCRYPTED PRIVATE KEY} (PKCS#8 with PBES2: PBKDF2 with an HMAC-SHA-2 and AES-CBC), as {@code
 * openssl genpkey -aes256} and {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} write it, with the JDK's {@link
 * EncryptedPrivateKeyInfo}.
 */
final class EncryptedPkcs8 {
    /** Far above openssl's 2048 and the 600,000 OWASP suggests; bounds the work a hostile file can ask for. */
    static final int MAX_ITERATIONS = 1_000_000;

    private static final String PBES2 = "PBES2";
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    private static final String REENCRYPT =
            "write it again with 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem'";

    private EncryptedPkcs8() {}

    /**
     * The PKCS#8 DER inside {@code block}, decrypted with {@code passphrase} (which is not kept).
     *
     * @throws KeyException when there is no passphrase, the encryption is not PBES2 with a supported PRF and cipher,
     *     or the passphrase is wrong
     */
    static byte[] decrypt(Pem.Block block, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new KeyException(block.describe() + " is encrypted; give its passphrase");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(block.der());
        } catch (IOException | RuntimeException e) {
            throw new KeyException(block.describe() + " is not a PKCS#8 EncryptedPrivateKeyInfo: " + e.getMessage());
        }
        if (!PBES2.equalsIgnoreCase(info.getAlgName()) && !PBES2_OID.equals(info.getAlgName())) {
            throw new KeyException(
                    block.describe() + " is encrypted with " + info.getAlgName() + ", not PBES2; " + REENCRYPT);
        }
        AlgorithmParameters params = info.getAlgParameters();
        String scheme = schemeOf(block, params);
        checkIterations(block, params);
        PBEKeySpec spec = new PBEKeySpec(passphrase);
        SecretKey secret = null;
        try {
            secret = SecretKeyFactory.getInstance(scheme).generateSecret(spec);
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE, secret, params);
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyException(
                    block.describe() + " cannot be decrypted: the passphrase is wrong or the key is" + " damaged");
        } finally {
            spec.clearPassword();
            destroy(secret);
        }
    }

    /** The JDK's name for the PRF and cipher, such as {@code PBEWithHmacSHA256AndAES_256}. */
    private static String schemeOf(Pem.Block block, AlgorithmParameters params) {
        String scheme = params == null ? null : params.toString();
        if (scheme == null || !scheme.startsWith("PBEWithHmacSHA")) {
            throw new KeyException(block.describe() + " uses a PBES2 PRF or cipher the JDK does not support (" + scheme
                    + "); " + REENCRYPT);
        }
        return scheme;
    }

    private static void checkIterations(Pem.Block block, AlgorithmParameters params) {
        int iterations;
        try {
            iterations = params.getParameterSpec(PBEParameterSpec.class).getIterationCount();
        } catch (GeneralSecurityException e) {
            throw new KeyException(block.describe() + " has unreadable PBES2 parameters; " + REENCRYPT);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new KeyException(block.describe() + " asks for " + iterations + " PBKDF2 iterations; at most "
                    + MAX_ITERATIONS + " are allowed");
        }
    }

    private static void destroy(SecretKey secret) {
        if (secret == null) {
            return;
        }
        try {
            secret.destroy();
        } catch (DestroyFailedException e) {
            // the JDK's PBE keys may not support destroying; the key is unreachable after this method anyway
        }
    }
}
