package io.jenkins.plugins.imagestreams.jenkins.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.runtime.RegistryCredentials;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;

/** What every step does the same way: parse stream tags, check namespace access, load streams. */
final class StepSupport {
    private StepSupport() {}

    /** The running services, or an abort saying Image Streams is not running. */
    static ImageStreamsRuntime.Services services() throws AbortException {
        return ImageStreamsRuntime.get().running().orElseThrow(() -> new AbortException(Messages.Steps_NotRunning()));
    }

    /** {@code [namespace/]stream:tag}, or an abort naming the argument and the expected form. */
    static TagSource.ImageStreamTag streamTag(String argument, String value) throws AbortException {
        if (value == null || value.isBlank()) {
            throw new AbortException(Messages.Steps_Missing(argument));
        }
        try {
            return TagSource.ImageStreamTag.parse(value.strip(), StreamName.DEFAULT_NAMESPACE);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.Steps_Invalid(argument, e.getMessage()));
        }
    }

    /** Refuses, naming the rule, when {@code run}'s job may not {@code access} {@code namespace}; nothing changes. */
    static void checkAccess(
            ImageStreamsRuntime.Services services, Run<?, ?> run, String namespace, NamespaceAccess.Access access)
            throws AbortException {
        NamespaceAccess.Decision decision =
                services.access().check(run.getParent().getFullName(), namespace, access);
        if (!decision.allowed()) {
            throw new AbortException(decision.reason());
        }
    }

    /**
     * The step's service with the build's identity at the registries; a {@code credentialsId} the build may not use
     * aborts the step naming it, before any registry is contacted.
     */
    static ImageStreamsRuntime.ForBuild forBuild(
            ImageStreamsRuntime.Services services, Run<?, ?> run, String credentialsId) throws AbortException {
        if (credentialsId != null
                && RegistryCredentials.find(credentialsId, run).isEmpty()) {
            throw new AbortException(Messages.Steps_CredentialsNotFound(credentialsId));
        }
        return services.forBuild(run, credentialsId);
    }

    /** The stored stream, or an abort saying it does not exist. */
    static ImageStream load(ImageStreamsRuntime.Services services, StreamName name) throws AbortException {
        return services.service.stream(name).orElseThrow(() -> new AbortException(Messages.Steps_NoStream(name)));
    }

    /** The cause written into history entries: the build that did it. */
    static String cause(String verb, Run<?, ?> run) {
        return verb + " by " + run.getParent().getFullName() + " #" + run.getNumber();
    }
}
