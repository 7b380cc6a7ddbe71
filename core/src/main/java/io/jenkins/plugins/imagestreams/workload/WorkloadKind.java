package io.jenkins.plugins.imagestreams.workload;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of workload whose pod template gets the new image, by the names Kubernetes and kubectl give them. Only
 * names: the {@code deploy} package maps each kind to its API type (CronJobs are {@code batch/v1}).
 */
public enum WorkloadKind {
    DEPLOYMENT("Deployment", "deploy"),
    STATEFULSET("StatefulSet", "sts"),
    DAEMONSET("DaemonSet", "ds"),
    CRONJOB("CronJob", "cj");

    private final String displayName;
    private final String shortName;

    WorkloadKind(String displayName, String shortName) {
        this.displayName = displayName;
        this.shortName = shortName;
    }

    /**
     * Parses a kind as kubectl spells it, case-insensitive: {@code deployment}, {@code statefulset}, {@code daemonset},
     * {@code cronjob}, their plurals or short names ({@code deploy}, {@code sts}, {@code ds}, {@code cj}).
     *
     * @throws IllegalArgumentException naming the accepted kinds
     */
    public static WorkloadKind parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> {
                    String name = k.displayName.toLowerCase(Locale.ROOT);
                    return wanted.equals(name) || wanted.equals(name + "s") || wanted.equals(k.shortName);
                })
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload kind '" + text
                        + "'; expected deployment, statefulset, daemonset or cronjob"));
    }

    /** The kind as Kubernetes names it: {@code Deployment}, {@code CronJob}. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
