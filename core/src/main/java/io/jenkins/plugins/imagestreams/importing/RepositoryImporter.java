package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.RepositoryImport;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagNames;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Imports every tag of a repository into a stream, as {@code oc import-image --all}: the tags are listed, ordered by
 * OpenShift's priority ({@code latest}, then newest versions), and the first {@code maxTags} get a spec tag
 * {@code from: <repository>:<tag>} (replacing an existing spec tag of that name) and are imported. The rest are
 * reported in {@link RepositoryImport#notImported()}. The stream is created if it does not exist. The chosen tags are
 * imported together: their digests asked for at once, {@value #PARALLEL} at a time (the registry client's own limit
 * per registry still holds), and the stream written once, its creation, spec tags and every outcome in one save; so a
 * thousand tags cost a thousand requests and one save, not a thousand saves of a growing stream.
 */
public final class RepositoryImporter {
    /** OpenShift's {@code maxImagesBulkImportedPerRepository}. */
    public static final int DEFAULT_MAX_TAGS = 50;
    /** Tags asked about at once. */
    public static final int PARALLEL = 8;

    private final RegistryClient client;
    private final StreamStore store;
    private final Importer importer;

    public RepositoryImporter(RegistryClient client, StreamStore store, Importer importer) {
        this.client = Objects.requireNonNull(client, "client");
        this.store = Objects.requireNonNull(store, "store");
        this.importer = Objects.requireNonNull(importer, "importer");
    }

    /**
     * Imports up to {@code maxTags} tags of {@code repository} (its tag or digest is ignored) into {@code stream}.
     *
     * @param policy the import policy of the spec tags it writes
     * @throws RegistryException if the tags cannot be listed; nothing is written then
     * @throws IllegalArgumentException if {@code maxTags < 1}
     */
    public RepositoryImport importRepository(
            StreamName stream, ImageReference repository, ImportPolicy policy, int maxTags) throws RegistryException {
        if (maxTags < 1) {
            throw new IllegalArgumentException("max tags must be at least 1, was " + maxTags);
        }
        List<String> ordered = TagPriority.order(
                client.listTags(repository).stream().filter(TagNames::isValid).toList());
        List<String> chosen = ordered.subList(0, Math.min(maxTags, ordered.size()));
        List<String> left = ordered.subList(chosen.size(), ordered.size());
        if (chosen.isEmpty()) {
            new StreamUpdater(store).createIfMissing(stream, ImageStreamSpec.empty());
            return new RepositoryImport(repository, Map.of(), left);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, chosen.size())), r -> {
            Thread thread = new Thread(r, "image-streams-bulk-import");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, ImportResult> results =
                    importer.importTags(stream, s -> withSpecTags(s, repository, policy, chosen), chosen, pool);
            return new RepositoryImport(repository, results, left);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code s} with a spec tag {@code from: <repository>:<tag>} of {@code policy} for each of {@code tags}. */
    private static ImageStream withSpecTags(
            ImageStream s, ImageReference repository, ImportPolicy policy, List<String> tags) {
        Map<String, TagSpec> specTags = new LinkedHashMap<>();
        s.spec().tags().forEach(t -> specTags.put(t.name(), t));
        for (String tag : tags) {
            TagSource from = new TagSource.DockerImage(repository.withTag(tag));
            TagSpec existing = specTags.get(tag);
            specTags.put(
                    tag,
                    existing == null
                            ? TagSpec.builder(tag)
                                    .from(from)
                                    .importPolicy(policy)
                                    .build()
                            : existing.toBuilder()
                                    .from(from)
                                    .reference(false)
                                    .alias(false)
                                    .importPolicy(policy)
                                    .tagPolicy(Optional.empty())
                                    .build());
        }
        return s.withSpec(
                new ImageStreamSpec(s.spec().repository(), s.spec().historyLimit(), List.copyOf(specTags.values())));
    }
}
