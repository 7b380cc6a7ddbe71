package io.jenkins.plugins.imagestreams.store;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.util.List;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;

/**
 * The store contract against the real cluster {@code $KUBECONFIG} names, in namespaces of its own that are deleted
 * afterwards (the store watches all namespaces, as a cluster-wide Jenkins does); the definition is applied when the
 * cluster lacks it (cluster-admin needed then). Not run by a plain build (surefire runs {@code *Test}), like
 * {@code deploy.RealClusterIT}: run it with {@code KUBECONFIG} set and {@code -Dtest=RealClusterStoreIT}.
 */
public class RealClusterStoreIT extends StreamStoreContract {
    private static final List<String> NAMESPACES = List.of("team-a", "app-dev", "app-prod");
    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    private KubernetesClient client;
    private KubernetesStreamStore first;
    private KubernetesStreamStore second;

    @Before
    public void openTwoStoresInNamespacesOfTheirOwn() {
        if (System.getenv("KUBECONFIG") == null) {
            throw new AssertionError("RealClusterStoreIT runs the store contract on a real cluster: set KUBECONFIG");
        }
        client = new KubernetesClientBuilder().build();
        if (!client.supports(KubernetesStreamStore.GROUP + "/v1", "ImageStream")) {
            ImageStreamDefinition.install(client);
        }
        for (String base : NAMESPACES) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns(base))
                            .endMetadata()
                            .build())
                    .create();
        }
        first = KubernetesStreamStore.open(client);
        second = KubernetesStreamStore.open(client);
    }

    @After
    public void deleteTheNamespace() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (client != null) {
            NAMESPACES.forEach(base -> client.namespaces().withName(ns(base)).delete());
            client.close();
        }
    }

    @Override
    protected String ns(String base) {
        return base + suffix;
    }

    @Override
    protected StreamStore store() {
        return first;
    }

    @Override
    protected StreamStore anotherStore() {
        return second;
    }
}
