package io.jenkins.plugins.imagestreams.stream;

import java.util.List;
import java.util.Objects;

/**
 * The {@code requireSignature} gate of a tag: an image may enter the tag only with a sigstore simple-signing signature
 * by one of {@code publicKeys} whose signed {@code docker-reference} passes {@code identity}. Public keys are not
 * secrets, so the stream keeps them as text.
 *
 * @param publicKeys PEM {@code PUBLIC KEY} blocks (ECDSA P-256/P-384, RSA, Ed25519), at least one
 * @param identity the rule for the signed reference: {@value #MATCH_REPOSITORY} (the repository the image is read
 *     from) or {@code pattern:<glob>} ({@code *} matches any run of characters)
 */
public record SignaturePolicy(List<String> publicKeys, String identity) {
    /** The signed reference must name the repository the image is read from. */
    public static final String MATCH_REPOSITORY = "matchRepository";
    /** The prefix of a pattern rule. */
    public static final String PATTERN = "pattern:";

    /** @throws InvalidStreamException without a key, with a blank key or an unknown identity rule */
    public SignaturePolicy {
        publicKeys = List.copyOf(Objects.requireNonNull(publicKeys, "publicKeys"));
        if (publicKeys.isEmpty() || publicKeys.stream().anyMatch(String::isBlank)) {
            throw new InvalidStreamException(
                    "requireSignature needs at least one public key (PEM text) and no blank one");
        }
        identity = identity == null || identity.isBlank() ? MATCH_REPOSITORY : identity.strip();
        if (!identity.equals(MATCH_REPOSITORY)
                && !(identity.startsWith(PATTERN) && identity.length() > PATTERN.length())) {
            throw new InvalidStreamException(
                    "requireSignature identity '" + identity + "' is neither " + MATCH_REPOSITORY + " nor " + PATTERN
                            + "<glob> (for example pattern:registry.example.com/team/*)");
        }
    }

    /** Keys from {@code pem}, whose signed reference must name the image's own repository. */
    public static SignaturePolicy matchRepository(List<String> publicKeys) {
        return new SignaturePolicy(publicKeys, MATCH_REPOSITORY);
    }
}
