package io.jenkins.plugins.imagestreams.access;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registries a pipeline author may name in a step, OpenShift's {@code allowedRegistriesForImport}: an image source
 * ({@code from}) or a copy target ({@code copyTo}) elsewhere is refused before anything is contacted, so a step cannot
 * make the controller reach hosts the administrator never listed. Scheduled imports of configured tags are not
 * limited: the administrator chose those.
 *
 * @param registries the registries as written in references ({@code host[:port]}), compared without case
 * @param any whether every registry is allowed
 */
public record AllowedRegistries(Set<String> registries, boolean any) {
    /** Every registry allowed. */
    public static final AllowedRegistries ANY = new AllowedRegistries(Set.of(), true);

    public AllowedRegistries {
        TreeSet<String> normalized = new TreeSet<>();
        registries.forEach(r -> normalized.add(r.strip().toLowerCase(Locale.ROOT)));
        registries = Set.copyOf(normalized);
    }

    /** Only {@code registries}. */
    public static AllowedRegistries only(Set<String> registries) {
        return new AllowedRegistries(registries, false);
    }

    /** Whether a step may name an image on {@code reference}'s registry. */
    public boolean allows(ImageReference reference) {
        return any
                || registries.contains(reference.registry().toLowerCase(Locale.ROOT))
                || registries.contains(reference.apiHost().toLowerCase(Locale.ROOT));
    }

    /**
     * Refuses a reference on a registry that is not allowed, naming the argument, the registry and the allowed ones.
     *
     * @param argument what the reference was given as, e.g. {@code from}
     * @throws IllegalArgumentException if the registry is not allowed
     */
    public void check(String argument, ImageReference reference) {
        if (!allows(reference)) {
            throw new IllegalArgumentException(argument + " names registry '" + reference.registry()
                    + "', which steps may not contact; allowed: "
                    + (registries.isEmpty() ? "none" : String.join(", ", new TreeSet<>(registries)))
                    + ". An administrator lists a registry under the image streams registries to allow it");
        }
    }
}
