package io.jenkins.plugins.imagestreams.access;

import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which jobs may write into one namespace (tag and promote into its streams) and which may read it (resolve its
 * tags). Writers may also read.
 *
 * @param namespace the namespace, a DNS-1123 label as in {@link StreamName}
 * @param writers the jobs that may tag and promote into it
 * @param readers the jobs that may only read it
 */
public record NamespaceRule(String namespace, List<JobPattern> writers, List<JobPattern> readers) {
    /** @throws io.jenkins.plugins.imagestreams.stream.InvalidStreamException if the namespace is not a label */
    public NamespaceRule {
        StreamName.of(namespace, "x");
        writers = List.copyOf(writers);
        readers = List.copyOf(readers);
    }

    /**
     * A rule from pattern lists as people write them: patterns separated by commas or line breaks.
     *
     * @throws IllegalArgumentException naming the first bad pattern or a bad namespace
     */
    public static NamespaceRule parse(String namespace, String writers, String readers) {
        return new NamespaceRule(namespace, patterns(writers), patterns(readers));
    }

    /** The patterns in {@code text}, separated by commas or line breaks; blank entries are skipped. */
    public static List<JobPattern> patterns(String text) {
        List<JobPattern> patterns = new ArrayList<>();
        if (text == null) {
            return patterns;
        }
        for (String part : text.split("[,\\r\\n]+")) {
            if (!part.isBlank()) {
                patterns.add(JobPattern.parse(part));
            }
        }
        return patterns;
    }

    boolean allows(String job, NamespaceAccess.Access access) {
        Objects.requireNonNull(access, "access");
        if (writers.stream().anyMatch(p -> p.matches(job))) {
            return true;
        }
        return access == NamespaceAccess.Access.READ && readers.stream().anyMatch(p -> p.matches(job));
    }
}
