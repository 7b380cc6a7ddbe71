package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
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
        ImageStreamDefinition.install(server.client());
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
