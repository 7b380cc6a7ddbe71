package io.jenkins.plugins.imagestreams.store;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;

/**
 * The store contract on the Kubernetes API: fabric8's mock API server in CRUD mode (resource versions, conflicts,
 * watches) with the custom resource definition the repository ships; two stores, two informers, as two processes.
 */
public class KubernetesStreamStoreContractTest extends StreamStoreContract {
    @Rule
    public final CrudKubernetesServer server = new CrudKubernetesServer(false);

    private KubernetesStreamStore first;
    private KubernetesStreamStore second;

    @Before
    public void installTheDefinitionAndOpenTwoStores() throws Exception {
        try (InputStream crd = Files.newInputStream(Path.of("../deploy/kubernetes/imagestreams-crd.yaml"))) {
            CustomResourceDefinition definition = server.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(crd)
                    .item();
            server.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(definition)
                    .create();
        }
        first = KubernetesStreamStore.open(server.client());
        second = KubernetesStreamStore.open(server.client());
    }

    @After
    public void closeStores() {
        first.close();
        second.close();
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
