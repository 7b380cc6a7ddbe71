package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made with {@code openssl} for one test run: a CA with a server certificate for the TLS registry, and a
 * self-signed RSA key pair for the token issuer. Nothing is ever installed JVM-wide.
 */
public final class TestCertificates {
    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(30);

    private TestCertificates() {}

    /** PEM files of a CA and a server certificate it signed for {@code IP:127.0.0.1} and {@code DNS:localhost}. */
    public record ServerTls(Path caCertificate, Path serverCertificate, Path serverKey) {}

    /** PEM files of an RSA signing key (PKCS#8) and its self-signed certificate. */
    public record SigningKey(Path certificate, Path privateKey) {}

    /** Writes a fresh CA and loopback server certificate into {@code dir}. */
    public static ServerTls serverTls(Path dir) {
        RequiredTools.check("openssl");
        mkdirs(dir);
        Path caKey = dir.resolve("ca-key.pem");
        Path ca = dir.resolve("ca.pem");
        Path key = dir.resolve("server-key.pem");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.pem");
        Path ext = dir.resolve("server.ext");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                caKey.toString(),
                "-out",
                ca.toString(),
                "-subj",
                "/CN=image-streams test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        openssl(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                csr.toString(),
                "-subj",
                "/CN=localhost");
        write(
                ext,
                "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                        + "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                ca.toString(),
                "-CAkey",
                caKey.toString(),
                "-set_serial",
                "2",
                "-days",
                "2",
                "-extfile",
                ext.toString(),
                "-out",
                cert.toString());
        return new ServerTls(ca, cert, key);
    }

    /** Writes a fresh RSA-2048 key and self-signed certificate into {@code dir}, for signing RS256 tokens. */
    public static SigningKey signingKey(Path dir) {
        RequiredTools.check("openssl");
        mkdirs(dir);
        Path key = dir.resolve("signing-key.pem");
        Path cert = dir.resolve("signing-cert.pem");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-subj",
                "/CN=image-streams test token issuer");
        return new SigningKey(cert, key);
    }

    /** An {@link SSLContext} trusting only the certificates in the PEM file {@code caPem}. */
    public static SSLContext trusting(Path caPem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : readCertificates(caPem)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from " + caPem + ": " + e.getMessage(), e);
        }
    }

    /** The X.509 certificates in a PEM file. */
    public static List<X509Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificates from " + pem + ": " + e.getMessage(), e);
        }
    }

    /** The RSA private key in a PKCS#8 PEM file ({@code BEGIN PRIVATE KEY}). */
    public static PrivateKey readRsaPrivateKey(Path pem) {
        try {
            String text = Files.readString(pem);
            String base64 =
                    text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read a PKCS#8 RSA key from " + pem + ": " + e.getMessage(), e);
        }
    }

    private static void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Commands.run(OPENSSL_TIMEOUT, command).orThrow();
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
