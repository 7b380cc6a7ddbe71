package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.util.Objects;

/**
 * Which signed identity ({@code critical.identity.docker-reference}) is accepted for an image, in the words of
 * containers-policy.json's {@code signedIdentity}:
 *
 * <ul>
 *   <li>{@code matchRepository}: the signed reference, without its tag or digest, names the repository the image is
 *       read from; both are normalized as {@link ImageReference#parse(String)} does ({@code nginx} is {@code
 *       docker.io/library/nginx}, {@code index.docker.io} is {@code docker.io});
 *   <li>{@code pattern:<glob>}: the signed reference, exactly as signed, matches the glob, in which {@code *} stands
 *       for any run of characters ({@code /} included) and every other character for itself.
 * </ul>
 */
public final class IdentityRule {
    private static final String MATCH_REPOSITORY = "matchRepository";
    private static final String PATTERN = "pattern:";
    private static final int MAX_PATTERN = 512;

    /** The glob, or {@code null} for matchRepository. */
    private final String glob;

    private IdentityRule(String glob) {
        this.glob = glob;
    }

    /** The signed reference must name the image's own repository. */
    public static IdentityRule matchRepository() {
        return new IdentityRule(null);
    }

    /**
     * The signed reference must match {@code glob}; without {@code *} it must equal it.
     *
     * @throws IllegalArgumentException when the glob is empty, longer than 512 characters or has whitespace
     */
    public static IdentityRule pattern(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (glob.isEmpty() || glob.length() > MAX_PATTERN || glob.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("identity pattern '" + abbreviate(glob) + "' must be 1 to " + MAX_PATTERN
                    + " characters without whitespace, such as 'registry.example.com/team/*'");
        }
        return new IdentityRule(glob);
    }

    /**
     * Reads {@code matchRepository} or {@code pattern:<glob>}, the forms {@link #toString()} writes.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static IdentityRule parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals(MATCH_REPOSITORY)) {
            return matchRepository();
        }
        if (text.startsWith(PATTERN)) {
            return pattern(text.substring(PATTERN.length()));
        }
        throw new IllegalArgumentException("identity rule '" + abbreviate(text) + "' must be '" + MATCH_REPOSITORY
                + "' or '" + PATTERN + "<glob>', such as 'pattern:registry.example.com/team/*'");
    }

    /** Whether {@code signedReference} is acceptable for an image read from {@code repository}. */
    public boolean matches(String signedReference, ImageReference repository) {
        if (glob != null) {
            return Glob.matches(glob, signedReference);
        }
        try {
            return ImageReference.parse(signedReference).name().equals(repository.name());
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    /** What an identity must match, for messages: {@code repository quay.io/acme/api}, {@code pattern 'quay.io/*'}. */
    public String expectation(ImageReference repository) {
        return glob == null ? "repository " + repository.name() : "pattern '" + glob + "'";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityRule other && Objects.equals(glob, other.glob);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(glob);
    }

    /** {@code matchRepository} or {@code pattern:<glob>}, which {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return glob == null ? MATCH_REPOSITORY : PATTERN + glob;
    }
}
