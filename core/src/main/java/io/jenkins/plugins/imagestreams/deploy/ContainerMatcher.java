package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the containers of a pod spec to update: the one with the target's container name, or every container and init
 * container whose image is in the deployed repository, whatever its tag or digest. Images are compared parsed, with
 * Docker Hub's defaults, so {@code nginx:1.27} is in repository {@code docker.io/library/nginx}.
 */
final class ContainerMatcher {
    private ContainerMatcher() {}

    /**
     * The chosen containers, init containers first, in list order; empty when none fits.
     *
     * @param containerName the one container to choose whatever its image, or null for every one in {@code image}'s
     *     repository
     */
    static List<ContainerMatch> match(PodSpec podSpec, String containerName, ImageReference image) {
        List<ContainerMatch> matches = new ArrayList<>();
        collect(podSpec.getInitContainers(), true, containerName, image, matches);
        collect(podSpec.getContainers(), false, containerName, image, matches);
        return List.copyOf(matches);
    }

    private static void collect(
            List<Container> containers,
            boolean init,
            String containerName,
            ImageReference image,
            List<ContainerMatch> matches) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            boolean chosen = containerName != null
                    ? containerName.equals(container.getName())
                    : sameRepository(container.getImage(), image);
            if (chosen) {
                matches.add(new ContainerMatch(init, i, container.getName(), container.getImage()));
            }
        }
    }

    /** Whether {@code text} names an image in {@code image}'s repository; an unparseable image never does. */
    static boolean sameRepository(String text, ImageReference image) {
        ImageReference current = parse(text);
        return current != null && current.name().equals(image.name());
    }

    /** Whether {@code text} already pulls exactly {@code pinned}: same repository, same digest. */
    static boolean alreadyPinned(String text, ImageReference pinned) {
        ImageReference current = parse(text);
        return current != null
                && current.name().equals(pinned.name())
                && current.digest().equals(pinned.digest());
    }

    /** The containers of {@code podSpec} as {@code name=image, ...}, init containers marked, for error messages. */
    static String describe(PodSpec podSpec) {
        List<String> parts = new ArrayList<>();
        if (podSpec.getInitContainers() != null) {
            podSpec.getInitContainers().forEach(c -> parts.add(c.getName() + "=" + c.getImage() + " (init)"));
        }
        if (podSpec.getContainers() != null) {
            podSpec.getContainers().forEach(c -> parts.add(c.getName() + "=" + c.getImage()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ImageReference.parse(text.trim());
        } catch (InvalidReferenceException e) {
            return null;
        }
    }
}
