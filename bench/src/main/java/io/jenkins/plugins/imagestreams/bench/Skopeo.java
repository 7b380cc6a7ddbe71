package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.util.List;

/** The peer users script today: one {@code skopeo inspect --raw} process per digest check. */
final class Skopeo {
    private Skopeo() {}

    /**
     * Inspects each {@code host/repository:tag} over plain HTTP, one process each.
     *
     * @return the wall time in seconds
     */
    static double inspectAll(List<String> references) throws IOException {
        long start = System.nanoTime();
        for (String reference : references) {
            Tools.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + reference), 60);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
