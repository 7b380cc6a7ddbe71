package io.jenkins.plugins.imagestreams.service;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a service keeps its streams, as a person writes it: a folder of JSON files, or {@code
 * k8s://[CONTEXT/][NAMESPACE]}, the Kubernetes cluster of a kubeconfig context (empty: the current one), in one
 * namespace (empty: all of them).
 */
public sealed interface StoreLocation {
    /** The scheme of a Kubernetes location. */
    String KUBERNETES = "k8s://";

    /**
     * Reads {@code text}. A context may itself hold slashes (EKS names its contexts by ARN), so the namespace is what
     * follows the last one.
     *
     * @throws IllegalArgumentException naming {@code text} when its namespace is not a DNS-1123 label
     */
    static StoreLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(KUBERNETES)) {
            return new Files(Path.of(text));
        }
        String rest = text.substring(KUBERNETES.length());
        int slash = rest.lastIndexOf('/');
        String context = slash < 0 ? "" : rest.substring(0, slash);
        String namespace = slash < 0 ? rest : rest.substring(slash + 1);
        if (!namespace.isEmpty()) {
            try {
                requireNamespace(namespace);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "': " + e.getMessage()
                        + "; expected k8s://[CONTEXT/][NAMESPACE], e.g. k8s://prod-cluster/image-streams");
            }
        }
        return new Kubernetes(
                context.isEmpty() ? Optional.empty() : Optional.of(context),
                namespace.isEmpty() ? Optional.empty() : Optional.of(namespace));
    }

    /**
     * {@code namespace}, when it is a Kubernetes namespace name (a DNS-1123 label).
     *
     * @throws IllegalArgumentException naming it otherwise
     */
    static String requireNamespace(String namespace) {
        if (!Kubernetes.LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace '" + namespace + "' is not a DNS-1123 label (lower-case"
                    + " letters, digits and '-', at most 63)");
        }
        return namespace;
    }

    /** A folder with one JSON file per stream. */
    record Files(Path directory) implements StoreLocation {
        public Files {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String toString() {
            return directory.toString();
        }
    }

    /** Custom resources of a cluster reached through the kubeconfig. */
    record Kubernetes(Optional<String> context, Optional<String> namespace) implements StoreLocation {
        static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

        public Kubernetes {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(namespace, "namespace");
        }

        @Override
        public String toString() {
            return KUBERNETES + context.map(c -> c + "/").orElse("") + namespace.orElse("");
        }
    }
}
