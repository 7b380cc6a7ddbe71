package io.jenkins.plugins.imagestreams.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.store.ConflictException;
import io.jenkins.plugins.imagestreams.store.CorruptStreamException;
import io.jenkins.plugins.imagestreams.store.StoreException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Streams kept as custom resources of the Kubernetes API ({@code imagestreams.imagestreams.jenkins.io}, the manifest
 * in {@code deploy/kubernetes}): each stream an object in its own namespace under its own name, spec and status in the
 * same OpenShift-shaped JSON as the file store. Several processes share one truth through it.
 *
 * <p>A save is one compare-and-set on the object's {@code resourceVersion}, which is the stream's version: the API
 * server answers 409 when someone saved since, and the store throws {@link ConflictException}. Reads come from an
 * informer's cache, kept current by a watch, so loading and listing a stream cost no API request (only a stream the
 * cache does not hold is asked for); what this store itself wrote is seen at once, before the watch brings it back,
 * and a load that lags behind a save elsewhere shows as a conflict at the next save, which {@link StreamUpdater}
 * retries. The stream's own generation travels in an annotation, since
 * the API server owns {@code metadata.generation}.
 */
public final class KubernetesStreamStore implements StreamStore, AutoCloseable {
    /** The API group of the custom resource. */
    public static final String GROUP = "imagestreams.jenkins.io";
    /** Its version. */
    public static final String VERSION = "v1";
    /** Its plural, as in {@code kubectl get imagestreams.imagestreams.jenkins.io}. */
    public static final String PLURAL = "imagestreams";
    /** The annotation holding the stream's generation. */
    public static final String GENERATION = GROUP + "/generation";

    /** The custom resource, for fabric8's generic client. */
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP)
            .withVersion(VERSION)
            .withKind("ImageStream")
            .withPlural(PLURAL)
            .withNamespaced(true)
            .build();

    /**
     * The largest stream this store writes: under etcd's default request limit of 1.5 MiB, with room for the API
     * server's own metadata. Histories are trimmed to their limit before saving, so only a stream of very many tags
     * or a very high limit comes near it.
     */
    public static final int MAX_OBJECT_BYTES = 1_400_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SYNC_SECONDS = 30;

    private final KubernetesClient client;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    /** What this store wrote, or learnt past the cache, that the cache may not show yet; null objects were deleted. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(GenericKubernetesResource object, long version) {}

    /** The newest stream read of each object, by namespace/name. */
    private final Map<String, Versioned<ImageStream>> parsed = new ConcurrentHashMap<>();

    private final Optional<String> namespace;

    private KubernetesStreamStore(
            KubernetesClient client,
            SharedIndexInformer<GenericKubernetesResource> informer,
            Optional<String> namespace) {
        this.client = client;
        this.informer = informer;
        this.namespace = namespace;
    }

    /**
     * A store on {@code client}'s cluster, its cache filled before it returns.
     *
     * @throws StoreException naming the resource when it cannot be listed: the custom resource definition not
     *     installed, the account not allowed to list or watch it, the API server unreachable
     */
    public static KubernetesStreamStore open(KubernetesClient client) {
        return open(client, Optional.empty());
    }

    /**
     * A store on {@code client}'s cluster that keeps the streams of {@code namespace} only, when given: it lists and
     * watches that namespace alone (a namespaced Role is then enough) and refuses streams of other namespaces.
     *
     * @throws StoreException as {@link #open(KubernetesClient)}
     */
    public static KubernetesStreamStore open(KubernetesClient client, Optional<String> namespace) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(namespace, "namespace");
        SharedIndexInformer<GenericKubernetesResource> informer;
        try {
            if (!client.supports(GROUP + "/" + VERSION, "ImageStream")) {
                throw new StoreException("the API server at " + client.getMasterUrl() + " does not serve " + PLURAL
                        + "." + GROUP + "/" + VERSION + ": apply deploy/kubernetes/imagestreams-crd.yaml");
            }
            var resources = client.genericKubernetesResources(CONTEXT);
            informer = namespace.isPresent()
                    ? resources.inNamespace(namespace.get()).runnableInformer(0)
                    : resources.inAnyNamespace().runnableInformer(0);
            informer.start().toCompletableFuture().get(SYNC_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while listing " + PLURAL + "." + GROUP, e);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(
                    "cannot list and watch " + PLURAL + "." + GROUP + " in "
                            + namespace.map(n -> "namespace " + n).orElse("all namespaces") + " of "
                            + client.getMasterUrl()
                            + ": " + reason(e) + " (is deploy/kubernetes/imagestreams-crd.yaml applied, and may this"
                            + " account get, list and watch it?)",
                    e);
        }
        return new KubernetesStreamStore(client, informer, namespace);
    }

    @Override
    public Optional<Versioned<ImageStream>> load(StreamName name) {
        return newest(name).map(object -> parsedOnce(name, object));
    }

    /**
     * The stream {@code object} holds, read once per resource version: an object's content never changes under one
     * version, and the streams are immutable values, so a scheduler pass over unchanged streams reads no JSON.
     */
    private Versioned<ImageStream> parsedOnce(StreamName name, GenericKubernetesResource object) {
        String key = Cache.namespaceKeyFunc(name.namespace(), name.name());
        long version = versionOf(name, object);
        Versioned<ImageStream> known = parsed.get(key);
        if (known != null && known.version() == version) {
            return known;
        }
        Versioned<ImageStream> read = read(name, object);
        parsed.put(key, read);
        return read;
    }

    @Override
    public List<StreamName> list() {
        Set<StreamName> names = new TreeSet<>();
        for (GenericKubernetesResource object : informer.getStore().list()) {
            names.add(StreamName.of(
                    object.getMetadata().getNamespace(), object.getMetadata().getName()));
        }
        for (Map.Entry<String, Seen> entry : seen.entrySet()) {
            String[] key = entry.getKey().split("/", 2);
            names.add(StreamName.of(key[0], key[1]));
        }
        return names.stream().filter(name -> newest(name).isPresent()).toList();
    }

    /** The newest of what the cache holds and what this store has seen itself. */
    private Optional<GenericKubernetesResource> newest(StreamName name) {
        String key = Cache.namespaceKeyFunc(name.namespace(), name.name());
        GenericKubernetesResource cached = informer.getStore().getByKey(key);
        Seen own = seen.get(key);
        if (own == null) {
            return cached != null ? Optional.of(cached) : fetched(name);
        }
        if (cached != null && versionOf(name, cached) > own.version()) {
            seen.remove(key, own);
            return Optional.of(cached);
        }
        return Optional.ofNullable(own.object());
    }

    /**
     * What the API server holds for a stream the cache does not know: another process may have created it since the
     * last watch event. Streams that exist are in the cache, so this costs a request only for streams that do not.
     */
    private Optional<GenericKubernetesResource> fetched(StreamName name) {
        GenericKubernetesResource now;
        try {
            now = resources(name).withName(name.name()).get();
        } catch (KubernetesClientException e) {
            throw failure("read", "get", name, e);
        }
        if (now != null) {
            remember(name, now, versionOf(name, now));
        }
        return Optional.ofNullable(now);
    }

    private void remember(StreamName name, GenericKubernetesResource object, long version) {
        seen.put(Cache.namespaceKeyFunc(name.namespace(), name.name()), new Seen(object, version));
    }

    @Override
    public long save(ImageStream stream, long expectedVersion) {
        GenericKubernetesResource object = write(stream, expectedVersion);
        try {
            GenericKubernetesResource saved = expectedVersion == NEW
                    ? resources(stream.name()).resource(object).create()
                    : resources(stream.name()).resource(object).update();
            long version = versionOf(stream.name(), saved);
            remember(stream.name(), saved, version);
            return version;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || (e.getCode() == 404 && expectedVersion != NEW)) {
                throw new ConflictException(stream.name(), expectedVersion, currentVersion(stream.name()));
            }
            throw failure("save", expectedVersion == NEW ? "create" : "update", stream.name(), e);
        }
    }

    @Override
    public void delete(StreamName name, long expectedVersion) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(GROUP + "/" + VERSION);
        object.setKind("ImageStream");
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withNamespace(name.namespace())
                .withName(name.name())
                .withResourceVersion(Long.toString(expectedVersion))
                .build());
        long current = currentVersion(name);
        if (current != expectedVersion) {
            throw new ConflictException(name, expectedVersion, current);
        }
        try {
            List<?> deleted =
                    resources(name).resource(object).lockResourceVersion().delete();
            if (deleted.isEmpty()) {
                throw new ConflictException(name, expectedVersion, 0);
            }
            remember(name, null, expectedVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                throw new ConflictException(name, expectedVersion, currentVersion(name));
            }
            throw failure("delete", "delete", name, e);
        }
    }

    /** Stops watching; the client stays open (its owner closes it). */
    @Override
    public void close() {
        informer.close();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            resources(StreamName name) {
        if (namespace.isPresent() && !namespace.get().equals(name.namespace())) {
            throw new StoreException("image stream " + name + " is outside namespace " + namespace.get()
                    + ", the only one this store keeps");
        }
        return client.genericKubernetesResources(CONTEXT).inNamespace(name.namespace());
    }

    /** The version the API server holds now, read past the cache; 0 when the object is gone. */
    private long currentVersion(StreamName name) {
        try {
            GenericKubernetesResource now =
                    resources(name).withName(name.name()).get();
            if (now == null) {
                return 0;
            }
            long version = versionOf(name, now);
            remember(name, now, version);
            return version;
        } catch (KubernetesClientException e) {
            return 0;
        }
    }

    private static GenericKubernetesResource write(ImageStream stream, long expectedVersion) {
        Map<String, Object> document;
        byte[] json = StreamJson.write(stream, Math.max(expectedVersion, 1));
        if (json.length > MAX_OBJECT_BYTES) {
            throw new StoreException("image stream " + stream.name() + " takes " + json.length + " bytes of JSON, more"
                    + " than the " + MAX_OBJECT_BYTES + " a Kubernetes object may hold here (etcd's request limit is"
                    + " 1.5 MiB); nothing was saved: lower its historyLimit or split its tags over several streams");
        }
        try {
            document = JSON.readValue(json, new TypeReference<>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot convert image stream " + stream.name(), e);
        }
        GenericKubernetesResource object = JSON.convertValue(document, GenericKubernetesResource.class);
        var metadata = object.getMetadata();
        metadata.setAdditionalProperties(new HashMap<>());
        metadata.setResourceVersion(expectedVersion == NEW ? null : Long.toString(expectedVersion));
        metadata.setGeneration(null);
        Map<String, String> annotations = new HashMap<>();
        annotations.put(GENERATION, Long.toString(stream.generation()));
        metadata.setAnnotations(annotations);
        return object;
    }

    private static Versioned<ImageStream> read(StreamName name, GenericKubernetesResource object) {
        long version = versionOf(name, object);
        Map<String, Object> document = JSON.convertValue(object, new TypeReference<>() {});
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("namespace", name.namespace());
        metadata.put("name", name.name());
        metadata.put("resourceVersion", version);
        String generation = Optional.ofNullable(object.getMetadata().getAnnotations())
                .map(a -> a.get(GENERATION))
                .orElse(null);
        try {
            metadata.put("generation", Long.parseLong(Objects.requireNonNull(generation, "missing")));
            document.put("metadata", metadata);
            return StreamJson.read(JSON.writeValueAsBytes(document));
        } catch (NumberFormatException | NullPointerException e) {
            throw new CorruptStreamException(
                    where(name), "annotation " + GENERATION + " is " + generation + "; expected a number", e);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new CorruptStreamException(where(name), e.getMessage(), e);
        }
    }

    private static long versionOf(StreamName name, GenericKubernetesResource object) {
        String resourceVersion = object.getMetadata().getResourceVersion();
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw new CorruptStreamException(
                    where(name),
                    "resourceVersion '" + resourceVersion + "' is not a number; this store needs an API server whose"
                            + " resource versions are numbers, as etcd's are",
                    e);
        }
    }

    private static String where(StreamName name) {
        return PLURAL + "." + GROUP + " " + name.namespace() + "/" + name.name();
    }

    /**
     * What went wrong with {@code verb} ({@code apiVerb} in RBAC's words) on a stream's object; a refusal (403) names
     * the permission the account lacks and the role that grants it.
     */
    private StoreException failure(String verb, String apiVerb, StreamName name, KubernetesClientException e) {
        String what = "cannot " + verb + " " + where(name) + " at " + client.getMasterUrl() + ": ";
        if (e.getCode() == 403) {
            return new StoreException(
                    what + "the account may not " + apiVerb + " " + PLURAL + "." + GROUP + " in namespace "
                            + name.namespace() + " (deploy/kubernetes/imagestreams-rbac.yaml grants what the store"
                            + " needs): " + reason(e),
                    e);
        }
        return new StoreException(what + reason(e), e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k
                    && k.getStatus() != null
                    && k.getStatus().getMessage() != null) {
                return k.getCode() + " " + k.getStatus().getMessage();
            }
        }
        return e.getMessage();
    }
}
