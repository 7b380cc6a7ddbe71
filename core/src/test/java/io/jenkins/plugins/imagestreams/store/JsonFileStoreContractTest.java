package io.jenkins.plugins.imagestreams.store;

import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The store contract on files: each store a separate instance on one folder, as separate processes have it. */
public class JsonFileStoreContractTest extends StreamStoreContract {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Override
    protected StreamStore store() {
        return new JsonFileStore(tmp.getRoot().toPath());
    }

    @Override
    protected StreamStore anotherStore() {
        return new JsonFileStore(tmp.getRoot().toPath());
    }
}
