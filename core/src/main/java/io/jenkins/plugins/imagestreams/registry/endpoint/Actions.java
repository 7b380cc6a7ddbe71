package io.jenkins.plugins.imagestreams.registry.endpoint;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;

/** The action texts exceptions carry: {@code resolve tag 1.2 of quay.io/acme/api}. */
final class Actions {
    private Actions() {}

    static String of(String verb, ImageReference ref) {
        String what = ref.digest()
                .map(d -> "digest " + d)
                .orElseGet(() -> "tag " + ref.tag().orElse("latest"));
        return verb + " " + what + " of " + ref.name();
    }

    static String ofBlob(String verb, ImageReference repository, Digest blob) {
        return verb + " blob " + blob.shortForm() + " " + (verb.startsWith("mount") ? "into " : "of ")
                + repository.name();
    }

    static String ofRepository(String verb, ImageReference repository) {
        return verb + " " + repository.name();
    }
}
