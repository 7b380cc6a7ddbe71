package io.jenkins.plugins.imagestreams.importing;

/**
 * Whether this process runs the scheduled imports now. Several processes that share one store elect one of them, so
 * that each scheduled import runs once, not once per process; every process still imports what notifications and
 * requests name. A process alone always leads.
 */
@FunctionalInterface
public interface Leadership {
    /** A process alone: it always leads. */
    Leadership ALONE = () -> true;

    /** Whether this process leads now. */
    boolean leading();
}
