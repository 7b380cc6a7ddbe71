package io.jenkins.plugins.imagestreams.deploy;

import io.jenkins.plugins.imagestreams.workload.WorkloadKind;

/**
 * A workload could not be updated as asked: it is missing, a selector matched nothing, no container fits, or the API
 * refused to read it. Thrown before anything is written, so no workload was changed.
 */
public class WorkloadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final WorkloadKind kind;
    private final String namespace;
    private final String name;

    /**
     * @param name the workload's name, or the selector text when no workload was found by it
     */
    public WorkloadException(WorkloadKind kind, String namespace, String name, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    public WorkloadException(WorkloadKind kind, String namespace, String name, String message) {
        this(kind, namespace, name, message, null);
    }

    public WorkloadKind kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    /** The workload's name, or the selector text when the error is that a selector matched nothing. */
    public String name() {
        return name;
    }
}
