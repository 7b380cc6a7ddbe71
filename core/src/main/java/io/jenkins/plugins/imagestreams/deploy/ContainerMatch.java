package io.jenkins.plugins.imagestreams.deploy;

import java.util.Objects;

/**
 * One container of a pod spec chosen for the new image.
 *
 * @param initContainer whether it is listed under {@code initContainers} rather than {@code containers}
 * @param index its position in that list, which the JSON patch addresses
 * @param image its image before the update, as written in the object
 */
record ContainerMatch(boolean initContainer, int index, String name, String image) {
    ContainerMatch {
        Objects.requireNonNull(name, "name");
        if (index < 0) {
            throw new IllegalArgumentException("container index must not be negative: " + index);
        }
    }

    /** The JSON pointer of this container's list under the pod spec: {@code /initContainers} or {@code /containers}. */
    String listPointer() {
        return initContainer ? "/initContainers" : "/containers";
    }
}
