package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What importing a whole repository did.
 *
 * @param repository the repository
 * @param imported each imported tag's result, in import order
 * @param notImported the tags left out by the tag limit, in priority order; never silently dropped
 */
public record RepositoryImport(
        ImageReference repository, Map<String, ImportResult> imported, List<String> notImported) {
    public RepositoryImport {
        Objects.requireNonNull(repository, "repository");
        imported = Collections.unmodifiableMap(new LinkedHashMap<>(imported));
        notImported = List.copyOf(notImported);
    }

    /** How many imported tags failed. */
    public long failures() {
        return imported.values().stream()
                .filter(ImportResult.Failed.class::isInstance)
                .count();
    }

    /** For people: counts, and every tag left out by the limit (as {@code oc import-image --all} prints them). */
    public String summary() {
        StringBuilder text = new StringBuilder("Imported ")
                .append(imported.size())
                .append(" tags of ")
                .append(repository.name());
        if (failures() > 0) {
            text.append(", ").append(failures()).append(" of them failed");
        }
        text.append('.');
        if (!notImported.isEmpty()) {
            text.append(" The remote repository contained ")
                    .append(notImported.size())
                    .append(" additional tags which were not imported (raise --max-tags to include them): ")
                    .append(String.join(", ", notImported));
        }
        return text.toString();
    }
}
