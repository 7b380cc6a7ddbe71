package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The three API calls the updater makes on a workload of any kind: get, list by labels, JSON patch. */
final class WorkloadApi {
    private final KubernetesClient client;

    WorkloadApi(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The workloads {@code target} names, sorted by name.
     *
     * @throws WorkloadException if the named workload is missing, the selector matches nothing, or the API refuses
     */
    List<HasMetadata> find(WorkloadTarget target) throws WorkloadException {
        WorkloadKind kind = target.kind();
        String namespace = target.namespace();
        if (!target.isSelector()) {
            HasMetadata workload = get(kind, namespace, target.name());
            if (workload == null) {
                throw new WorkloadException(
                        kind,
                        namespace,
                        target.name(),
                        kind + " " + namespace + "/" + target.name() + " does not exist; check the name and namespace"
                                + " (kubectl get " + kind.displayName().toLowerCase(Locale.ROOT) + " -n "
                                + namespace + ")");
            }
            return List.of(workload);
        }
        List<? extends HasMetadata> items;
        try {
            items = client.resources(WorkloadKinds.type(kind))
                    .inNamespace(namespace)
                    .withLabels(target.selector())
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw refused(kind, namespace, "-l " + target.selectorText(), "list", e);
        }
        if (items.isEmpty()) {
            throw new WorkloadException(
                    kind,
                    namespace,
                    target.selectorText(),
                    "no " + kind + " in namespace " + namespace + " has labels " + target.selectorText()
                            + "; check the selector (kubectl get "
                            + kind.displayName().toLowerCase(Locale.ROOT)
                            + " -n " + namespace + " --show-labels)");
        }
        return items.stream()
                .<HasMetadata>map(w -> w)
                .sorted(Comparator.comparing(w -> w.getMetadata().getName()))
                .toList();
    }

    /** The workload, or null when it does not exist. */
    HasMetadata get(WorkloadKind kind, String namespace, String name) throws WorkloadException {
        try {
            return client.resources(WorkloadKinds.type(kind))
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
        } catch (KubernetesClientException e) {
            throw refused(kind, namespace, name, "get", e);
        }
    }

    /** Applies a JSON patch and returns the workload as the API server stored it. */
    HasMetadata patch(WorkloadKind kind, String namespace, String name, String jsonPatch) {
        return client.resources(WorkloadKinds.type(kind))
                .inNamespace(namespace)
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON), jsonPatch);
    }

    private static WorkloadException refused(
            WorkloadKind kind, String namespace, String name, String verb, KubernetesClientException e) {
        String why = e.getCode() == 401 || e.getCode() == 403
                ? "; the account needs get, list and patch on "
                        + kind.displayName().toLowerCase(Locale.ROOT) + "s in that namespace"
                : "";
        return new WorkloadException(
                kind,
                namespace,
                name,
                "cannot " + verb + " " + kind + " " + namespace + "/" + name + ": " + e.getMessage() + why
                        + unanswered(e),
                e);
    }

    /** For a request the API server never answered (no status), what stopped it: the innermost cause. */
    private static String unanswered(KubernetesClientException e) {
        if (e.getStatus() != null || e.getCause() == null) {
            return "";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
