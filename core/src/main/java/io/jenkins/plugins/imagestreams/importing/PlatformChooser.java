package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.Platform;
import java.util.List;
import java.util.Optional;

/**
 * Picks the one child of an index that a Legacy import tracks: the preferred platform (architecture and/or OS, from
 * the tag's {@code prefer-arch}/{@code prefer-os} annotations), else {@code linux/amd64}, else the first child that
 * is a real platform (attestation entries are {@code unknown/unknown}).
 */
final class PlatformChooser {
    private PlatformChooser() {}

    static Optional<Descriptor> choose(Manifest index, Optional<String> preferArch, Optional<String> preferOs) {
        List<Descriptor> children = index.children().stream()
                .filter(d -> d.platform().map(p -> !p.os().equals("unknown")).orElse(true))
                .toList();
        if (preferArch.isPresent() || preferOs.isPresent()) {
            Optional<Descriptor> preferred = children.stream()
                    .filter(d -> d.platform()
                            .map(p -> preferArch.map(p.architecture()::equals).orElse(true)
                                    && preferOs.orElse("linux").equals(p.os()))
                            .orElse(false))
                    .findFirst();
            if (preferred.isPresent()) {
                return preferred;
            }
        }
        Platform amd64 = new Platform("linux", "amd64", null);
        return children.stream()
                .filter(d -> d.platform()
                        .map(p -> p.os().equals(amd64.os()) && p.architecture().equals(amd64.architecture()))
                        .orElse(false))
                .findFirst()
                .or(() -> children.stream().findFirst());
    }
}
