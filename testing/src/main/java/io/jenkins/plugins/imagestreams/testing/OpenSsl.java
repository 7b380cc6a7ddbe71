package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keys and signatures made by the {@code openssl} command in a test's directory: the independent implementation that
 * key parsing, signing and verifying are compared with. Every file it writes gets a fresh name in that directory.
 */
public final class OpenSsl {
    private final Path dir;
    private final AtomicInteger files = new AtomicInteger();

    public OpenSsl(Path dir) {
        RequiredTools.check("openssl");
        this.dir = dir;
    }

    /** A PKCS#8 {@code PRIVATE KEY} on {@code curve}: {@code P-256}, {@code P-384}, {@code P-521}. */
    public Path ecKey(String curve) {
        return run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", file("ec.pem"));
    }

    public Path rsaKey(int bits) {
        return run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", file("rsa.pem"));
    }

    public Path ed25519Key() {
        return run("genpkey", "-algorithm", "ed25519", "-out", file("ed25519.pem"));
    }

    /** The {@code PUBLIC KEY} of {@code key}. */
    public Path publicKey(Path key) {
        return run("pkey", "-in", key.toString(), "-pubout", "-out", file("pub.pem"));
    }

    /** The SubjectPublicKeyInfo DER of {@code key}'s public key. */
    public byte[] publicKeyDer(Path key) {
        return read(run("pkey", "-in", key.toString(), "-pubout", "-outform", "DER", "-out", file("pub.der")));
    }

    /** {@code key} as an {@code ENCRYPTED PRIVATE KEY}, PBES2 with AES-256-CBC, or as {@code options} say. */
    public Path encrypted(Path key, String passphrase, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "pkcs8",
                "-topk8",
                "-in",
                key.toString(),
                "-passout",
                "pass:" + passphrase,
                "-out",
                file("encrypted.pem")));
        args.addAll(options.length == 0 ? List.of("-v2", "aes-256-cbc") : List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** {@code key} as a SEC1 {@code EC PRIVATE KEY}. */
    public Path sec1(Path key) {
        return run("ec", "-in", key.toString(), "-out", file("sec1.pem"));
    }

    /** {@code key} as a PKCS#1 {@code RSA PRIVATE KEY}, with {@code options} such as {@code -aes256}. */
    public Path pkcs1(Path key, String... options) {
        List<String> args =
                new ArrayList<>(List.of("rsa", "-in", key.toString(), "-traditional", "-out", file("pkcs1.pem")));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** A self-signed certificate of {@code key}. */
    public Path certificate(Path key) {
        return run(
                "req",
                "-x509",
                "-new",
                "-key",
                key.toString(),
                "-subj",
                "/CN=image-streams test",
                "-days",
                "1",
                "-out",
                file("cert.pem"));
    }

    /** {@code openssl dgst -sha256 -sign}, with {@code options} such as {@code -sigopt rsa_padding_mode:pss}. */
    public byte[] sign(Path key, byte[] payload, String... options) {
        List<String> args = new ArrayList<>(List.of("dgst", "-sha256", "-sign", key.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("-out", file("sig.bin"), write(payload)));
        return read(run(args.toArray(String[]::new)));
    }

    /** {@code openssl dgst -<digest> -sign}: the same with another digest, such as {@code sha384}. */
    public byte[] signWith(String digest, Path key, byte[] payload) {
        return read(run("dgst", "-" + digest, "-sign", key.toString(), "-out", file("sig.bin"), write(payload)));
    }

    /** {@code openssl pkeyutl -sign -rawin}: an Ed25519 signature over the payload itself. */
    public byte[] signRaw(Path key, byte[] payload) {
        return read(run(
                "pkeyutl",
                "-sign",
                "-rawin",
                "-inkey",
                key.toString(),
                "-in",
                write(payload),
                "-out",
                file("sig.bin")));
    }

    /** Whether {@code openssl dgst -sha256 -verify} accepts {@code signature} over {@code payload}. */
    public boolean verifies(Path publicKey, byte[] payload, byte[] signature) {
        return exec("dgst", "-sha256", "-verify", publicKey.toString(), "-signature", write(signature), write(payload))
                == 0;
    }

    /** Whether {@code openssl pkeyutl -verify -rawin} accepts the Ed25519 {@code signature} over {@code payload}. */
    public boolean verifiesRaw(Path publicKey, byte[] payload, byte[] signature) {
        return exec(
                        "pkeyutl",
                        "-verify",
                        "-pubin",
                        "-inkey",
                        publicKey.toString(),
                        "-rawin",
                        "-in",
                        write(payload),
                        "-sigfile",
                        write(signature))
                == 0;
    }

    public String text(Path file) {
        return new String(read(file), StandardCharsets.US_ASCII);
    }

    public byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(byte[] content) {
        Path file = Path.of(file("data.bin"));
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private String file(String name) {
        return dir.resolve(files.incrementAndGet() + "-" + name).toString();
    }

    /** Runs openssl, which must succeed; returns the path after {@code -out}. */
    public Path run(String... args) {
        int exit = exec(args);
        if (exit != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " exited with " + exit);
        }
        List<String> list = List.of(args);
        return Path.of(list.get(list.indexOf("-out") + 1));
    }

    private int exec(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(files.incrementAndGet() + "-openssl.log")
                            .toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + String.join(" ", args) + " did not finish in 60 s");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
