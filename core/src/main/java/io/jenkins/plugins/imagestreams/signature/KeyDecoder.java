package io.jenkins.plugins.imagestreams.signature;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.KeySpec;
import java.util.List;
import java.util.Optional;

/** Decodes a key's DER with the JDK's factory for each supported algorithm in turn, until one accepts it. */
final class KeyDecoder {
    private static final List<String> FACTORIES = List.of("EC", "RSA", "Ed25519");

    /** One factory call: {@code generatePublic} or {@code generatePrivate}. */
    @FunctionalInterface
    interface Decode<K extends Key> {
        K apply(KeyFactory factory, KeySpec spec) throws GeneralSecurityException;
    }

    private KeyDecoder() {}

    /** The key {@code spec} holds, or empty when no supported algorithm's factory can decode it. */
    static <K extends Key> Optional<K> decode(KeySpec spec, Decode<K> decode) {
        for (String algorithm : FACTORIES) {
            try {
                return Optional.of(decode.apply(KeyFactory.getInstance(algorithm), spec));
            } catch (GeneralSecurityException | RuntimeException notThisAlgorithm) {
                // the JDK's decoders also throw unchecked exceptions on malformed DER; the next factory may fit
            }
        }
        return Optional.empty();
    }
}
