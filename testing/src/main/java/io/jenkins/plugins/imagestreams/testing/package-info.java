/**
 * Test fixture shared by every module's tests (the {@code image-streams-testing} module, free of core): a real CNCF
 * distribution registry on loopback, deterministic OCI test images, skopeo as an independent client, and a
 * fault-injecting proxy. Digests are plain {@code sha256:<hex>} strings; core's tests parse them with {@code
 * Digest.parse}.
 *
 * <pre>{@code
 * @ClassRule public static final RegistryFixture REGISTRY = RegistryFixture.builder().basicAuth("u", "p").build();
 * @Rule public final TemporaryFolder tmp = new TemporaryFolder();
 *
 * OciLayout image = TestImages.image(tmp.newFolder().toPath(), "v1");
 * Skopeo.push(image, REGISTRY, "demo/app:1");          // REGISTRY.host() + "/demo/app:1" now resolves to image.digest()
 *
 * FaultProxy proxy = FaultProxy.inFrontOf(REGISTRY).start();
 * proxy.add(FaultRule.on("HEAD", "/v2/.+/manifests/.+").next(2).inject(Fault.status(503)));
 * }</pre>
 *
 * <p>Missing tools skip tests locally and fail them with {@code CI=true} ({@link
 * io.jenkins.plugins.imagestreams.testing.RequiredTools}).
 */
package io.jenkins.plugins.imagestreams.testing;
