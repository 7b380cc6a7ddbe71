package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.deploy.WorkloadDeployer;

/** Opens a deployer for a cluster; the service closes it when the operation that needed it ends. */
@FunctionalInterface
public interface DeployerFactory {
    /**
     * A deployer over {@code access}.
     *
     * @throws IllegalArgumentException if {@code access} cannot be used (a missing file, a bad certificate)
     */
    OpenDeployer open(ClusterAccess access);

    /** A deployer holding a connection until closed. */
    interface OpenDeployer extends WorkloadDeployer, AutoCloseable {
        @Override
        void close();
    }
}
