package io.jenkins.plugins.imagestreams.signature;

/** The PEM labels of key files, and what to tell someone who gave the wrong one. */
final class PemTypes {
    static final String PUBLIC_KEY = "PUBLIC KEY";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

    private static final String TO_PKCS8 = "convert it to PKCS#8 with"
            + " 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem' (or -nocrypt instead of -v2"
            + " aes-256-cbc for a key without passphrase)";

    private PemTypes() {}

    static boolean isPkcs8PrivateKey(String label) {
        return label.equals(PRIVATE_KEY) || label.equals(ENCRYPTED_PRIVATE_KEY);
    }

    static boolean isPrivateKey(String label) {
        return label.endsWith(PRIVATE_KEY);
    }

    /** Why {@code block} cannot be used to verify, and what to give instead. */
    static String notAPublicKey(Pem.Block block) {
        String label = block.label();
        if (isCosignKey(label)) {
            return block.describe() + " is a cosign private key; give its public key, from"
                    + " 'cosign public-key --key cosign.key > cosign.pub'";
        }
        if (isPrivateKey(label)) {
            return block.describe() + " is a private key; give its public key, from"
                    + " 'openssl pkey -in key.pem -pubout -out key.pub'";
        }
        return switch (label) {
            case "CERTIFICATE" ->
                block.describe() + " is a certificate; give its public key, from"
                        + " 'openssl x509 -in cert.pem -pubkey -noout > key.pub'";
            case "RSA PUBLIC KEY" ->
                block.describe() + " is a PKCS#1 RSA public key; convert it with"
                        + " 'openssl rsa -RSAPublicKey_in -in key.pem -pubout -out key.pub'";
            default -> block.describe() + " is not a public key; expected '" + PUBLIC_KEY + "' (SubjectPublicKeyInfo)";
        };
    }

    /** Why {@code block} cannot be used to sign, and how to get a PKCS#8 key instead. */
    static String notAPrivateKey(Pem.Block block) {
        String label = block.label();
        if (isCosignKey(label)) {
            return block.describe() + " is a cosign-encrypted key (scrypt and secretbox), which the JDK cannot"
                    + " decrypt; create a PKCS#8 key with 'openssl genpkey -algorithm EC -pkeyopt"
                    + " ec_paramgen_curve:P-256 -aes256 -out signing-key.pem', publish its public key from 'openssl"
                    + " pkey -in signing-key.pem -pubout', and 'cosign import-key-pair --key signing-key.pem' if cosign"
                    + " should sign with it too";
        }
        return switch (label) {
            case "EC PRIVATE KEY" -> block.describe() + " is a SEC1 EC key; " + TO_PKCS8;
            case "RSA PRIVATE KEY" -> block.describe() + " is a PKCS#1 RSA key; " + TO_PKCS8;
            case PUBLIC_KEY ->
                block.describe() + " is a public key; signing needs the private key ('" + PRIVATE_KEY + "' or '"
                        + ENCRYPTED_PRIVATE_KEY + "')";
            case "CERTIFICATE" ->
                block.describe() + " is a certificate, which holds no private key; signing needs"
                        + " the private key ('" + PRIVATE_KEY + "' or '" + ENCRYPTED_PRIVATE_KEY + "')";
            default -> block.describe() + " is not a PKCS#8 private key; " + TO_PKCS8;
        };
    }

    private static boolean isCosignKey(String label) {
        return label.equals("ENCRYPTED SIGSTORE PRIVATE KEY") || label.equals("ENCRYPTED COSIGN PRIVATE KEY");
    }
}
