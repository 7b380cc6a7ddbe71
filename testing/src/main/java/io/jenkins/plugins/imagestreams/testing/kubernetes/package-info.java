/**
 * Kubernetes for tests: fabric8's mock server in CRUD mode as a JUnit 4 rule, and workloads to put in it. fabric8 is an
 * optional dependency of this module; a module using these classes declares {@code kubernetes-server-mock} itself.
 */
package io.jenkins.plugins.imagestreams.testing.kubernetes;
