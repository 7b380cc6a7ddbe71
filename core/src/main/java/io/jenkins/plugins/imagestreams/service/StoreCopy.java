package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;

/**
 * What copying the streams of one store into another did.
 *
 * @param copied streams the target did not have and now has, history and all
 * @param alreadyThere streams the target had with the same spec and status: nothing to do
 * @param different streams the target had otherwise: left as they were there, to be resolved by a person
 */
public record StoreCopy(List<StreamName> copied, List<StreamName> alreadyThere, List<StreamName> different) {
    public StoreCopy {
        copied = List.copyOf(copied);
        alreadyThere = List.copyOf(alreadyThere);
        different = List.copyOf(different);
    }

    /** Whether every stream is now in the target as it is in the source. */
    public boolean complete() {
        return different.isEmpty();
    }
}
