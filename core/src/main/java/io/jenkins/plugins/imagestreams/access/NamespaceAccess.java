package io.jenkins.plugins.imagestreams.access;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a job may read a namespace or write into it, from per-namespace {@link NamespaceRule}s.
 *
 * <p>A namespace without a rule is open to every job, so a fresh installation works before anyone writes rules; once
 * a namespace has a rule, only the jobs it names get in. Several rules for one namespace add up.
 *
 * @param rules the rules, any order
 */
public record NamespaceAccess(List<NamespaceRule> rules) {
    /** What a job wants to do in a namespace. */
    public enum Access {
        /** Resolve tags, read history. */
        READ,
        /** Tag, promote, import into the namespace's streams. */
        WRITE
    }

    /** The answer, with the reason to show when refused. */
    public record Decision(boolean allowed, String reason) {}

    /** No rules: every namespace open. */
    public static final NamespaceAccess OPEN = new NamespaceAccess(List.of());

    public NamespaceAccess {
        rules = List.copyOf(rules);
    }

    /** Whether job {@code jobFullName} may {@code access} {@code namespace}; the reason names the rule that refused. */
    public Decision check(String jobFullName, String namespace, Access access) {
        List<NamespaceRule> mine =
                rules.stream().filter(r -> r.namespace().equals(namespace)).toList();
        if (mine.isEmpty()) {
            return new Decision(true, "namespace '" + namespace + "' has no access rule, so it is open");
        }
        Optional<NamespaceRule> allowing =
                mine.stream().filter(r -> r.allows(jobFullName, access)).findFirst();
        if (allowing.isPresent()) {
            return new Decision(true, "allowed by the access rule of namespace '" + namespace + "'");
        }
        String verb = access == Access.WRITE ? "tag or promote into" : "read";
        return new Decision(
                false,
                "job '" + jobFullName + "' may not " + verb + " namespace '" + namespace
                        + "': its access rule allows writers " + names(mine, true) + " and readers "
                        + names(mine, false) + "; ask an administrator to add the job to the rule");
    }

    private static List<String> names(List<NamespaceRule> rules, boolean writers) {
        return rules.stream()
                .flatMap(r -> (writers ? r.writers() : r.readers()).stream())
                .map(JobPattern::toString)
                .toList();
    }
}
