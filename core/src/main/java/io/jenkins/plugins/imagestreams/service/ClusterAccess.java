package io.jenkins.plugins.imagestreams.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an operation reaches a Kubernetes cluster to update workloads: a kubeconfig (kubectl's default lookup, or a given
 * file and context), the pod's own service account, or an API server with a bearer token. A plain value; the token is
 * never printed.
 */
public sealed interface ClusterAccess {
    /** The kubeconfig kubectl would use ({@code $KUBECONFIG} or {@code ~/.kube/config}), at its current context. */
    static ClusterAccess kubeconfig() {
        return new Kubeconfig(Optional.empty(), Optional.empty());
    }

    /** The kubeconfig {@code file} (empty: kubectl's default) at {@code context} (empty: its current one). */
    static ClusterAccess kubeconfig(Optional<Path> file, Optional<String> context) {
        return new Kubeconfig(file, context);
    }

    /** The service account of the pod this runs in. */
    static ClusterAccess inCluster() {
        return new InCluster();
    }

    /** An API server with a bearer token; {@code caCertificatePem} empty: the JVM's trust store. */
    static ClusterAccess token(URI server, String token, Optional<String> caCertificatePem) {
        return new Token(server, token, caCertificatePem);
    }

    /** A kubeconfig file and context. */
    record Kubeconfig(Optional<Path> file, Optional<String> context) implements ClusterAccess {
        public Kubeconfig {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(context, "context");
        }
    }

    /** The pod's own service account. */
    record InCluster() implements ClusterAccess {}

    /** An API server and a bearer token. */
    record Token(URI server, String token, Optional<String> caCertificatePem) implements ClusterAccess {
        public Token {
            Objects.requireNonNull(server, "server");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearer token is empty; give the service account token");
            }
            Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        }

        /** The server and whether a CA is given, never the token. */
        @Override
        public String toString() {
            return "Token[server=" + server + ", token=****, ca=" + (caCertificatePem.isPresent() ? "given" : "JVM")
                    + "]";
        }
    }
}
