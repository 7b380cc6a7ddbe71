package io.jenkins.plugins.imagestreams.workload;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which workloads to update: one by {@code name}, or all of {@code kind} in {@code namespace} whose labels match every
 * pair of {@code selector}; and in them either the one {@code container} (or init container) of that name, or, when
 * {@code container} is null, every container whose image is the repository being deployed.
 *
 * @param name null when the target is a selector
 * @param selector empty when the target is a name; equality only, every pair must match
 * @param container null to mean every container that runs the repository
 */
public record WorkloadTarget(
        WorkloadKind kind, String namespace, String name, Map<String, String> selector, String container) {
    private static final String FORMS =
            "expected KIND/NAMESPACE/NAME[:CONTAINER] or KIND/NAMESPACE/-l key=value[,key=value...][:CONTAINER]";

    public WorkloadTarget {
        Objects.requireNonNull(kind, "kind");
        KubernetesNames.requireDnsLabel("namespace", namespace);
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        if ((name == null) == selector.isEmpty()) {
            throw new IllegalArgumentException("a workload target needs either a name or a label selector, not "
                    + (name == null ? "neither" : "both"));
        }
        if (name != null) {
            KubernetesNames.requireObjectName(kind.displayName() + " name", name);
        }
        selector.forEach((k, v) -> KubernetesNames.requireLabelValue(KubernetesNames.requireLabelKey(k), v));
        if (container != null) {
            KubernetesNames.requireDnsLabel("container name", container);
        }
    }

    /** The workload {@code name}, every container that runs the deployed repository. */
    public static WorkloadTarget byName(WorkloadKind kind, String namespace, String name) {
        return new WorkloadTarget(kind, namespace, name, Map.of(), null);
    }

    /** Every workload of {@code kind} in {@code namespace} whose labels include all of {@code selector}. */
    public static WorkloadTarget bySelector(WorkloadKind kind, String namespace, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            throw new IllegalArgumentException("label selector is empty; name at least one key=value label");
        }
        return new WorkloadTarget(kind, namespace, null, selector, null);
    }

    /** The same workloads, but only the container (or init container) named {@code containerName}. */
    public WorkloadTarget withContainer(String containerName) {
        return new WorkloadTarget(kind, namespace, name, selector, containerName);
    }

    /**
     * Parses the command-line form {@code KIND/NAMESPACE/NAME[:CONTAINER]} or {@code
     * KIND/NAMESPACE/-l key=value[,key=value...][:CONTAINER]}, e.g. {@code deployment/app-prod/web:server} or {@code
     * cronjob/app-prod/-l app.kubernetes.io/name=report}. Kinds are case-insensitive; see {@link WorkloadKind#parse}.
     *
     * @throws IllegalArgumentException saying which part is wrong and the expected form
     */
    public static WorkloadTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("workload target is empty; " + FORMS);
        }
        String[] parts = text.trim().split("/", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("workload target '" + text + "' has too few parts; " + FORMS);
        }
        try {
            WorkloadKind kind = WorkloadKind.parse(parts[0]);
            String rest = parts[2];
            String container = null;
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                container = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            WorkloadTarget target = rest.startsWith("-l")
                    ? bySelector(kind, parts[1], parseSelector(rest.substring(2).trim()))
                    : byName(kind, parts[1], rest);
            return container == null ? target : target.withContainer(container);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid workload target '" + text + "': " + e.getMessage() + "; " + FORMS, e);
        }
    }

    private static Map<String, String> parseSelector(String text) {
        Map<String, String> selector = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.contains("!=") || pair.indexOf('=', eq + 1) >= 0) {
                throw new IllegalArgumentException(
                        "label selector part '" + pair + "' is not key=value (only equality selectors are supported)");
            }
            String key = pair.substring(0, eq).trim();
            if (selector.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("label selector names key '" + key + "' twice");
            }
        }
        return selector;
    }

    public Optional<String> containerName() {
        return Optional.ofNullable(container);
    }

    public boolean isSelector() {
        return name == null;
    }

    /** The selector as kubectl writes it: {@code app=web,tier=frontend}. */
    public String selectorText() {
        return new TreeMap<>(selector)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The command-line form that {@link #parse} reads back to an equal target. */
    @Override
    public String toString() {
        String what = isSelector() ? "-l " + selectorText() : name;
        return kind.displayName().toLowerCase(Locale.ROOT) + "/" + namespace + "/" + what
                + (container == null ? "" : ":" + container);
    }
}
