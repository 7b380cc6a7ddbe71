package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;

/** Option values spelled as OpenShift spells them, read case-insensitively. */
final class Flags {
    private Flags() {}

    /** @throws UsageException for anything but Legacy or PreserveOriginal */
    static ImportMode importMode(String text) {
        for (ImportMode mode : ImportMode.values()) {
            if (mode.wireName().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new UsageException(
                "--import-mode '" + text + "' is invalid; valid modes are Legacy and PreserveOriginal");
    }

    /** @throws UsageException for anything but Source or Local */
    static ReferencePolicy referencePolicy(String text) {
        for (ReferencePolicy policy : ReferencePolicy.values()) {
            if (policy.wireName().equalsIgnoreCase(text)) {
                return policy;
            }
        }
        throw new UsageException("--reference-policy '" + text + "' is invalid; expected Source or Local");
    }
}
