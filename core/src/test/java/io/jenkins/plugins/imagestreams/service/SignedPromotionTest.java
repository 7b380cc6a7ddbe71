package io.jenkins.plugins.imagestreams.service;

import static io.jenkins.plugins.imagestreams.service.ServiceFixture.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The signature gate and promotion signing end to end, through the service, against a real registry, with keys made
 * by {@code openssl} and the signature Image Streams writes checked by {@code openssl dgst -verify}.
 */
public class SignedPromotionTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final ServiceFixture fx = new ServiceFixture(REGISTRY);

    private static final TagSource.ImageStreamTag DEV = tag("app-dev", "myapp", "latest");
    private static final TagSource.ImageStreamTag PROD = tag("app-prod", "myapp", "latest");

    private Path dir;
    private OpenSsl openssl;
    private Path devKey;
    private Path devPub;
    private Path otherPub;
    private Digest v1;

    @Before
    public void setUp() throws Exception {
        dir = fx.newFolder();
        openssl = new OpenSsl(dir);
        devKey = openssl.ecKey("P-256");
        devPub = openssl.publicKey(devKey);
        otherPub = openssl.publicKey(openssl.ed25519Key());
        v1 = fx.push(fx.newFolder(), "signed v1", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(DEV).withFrom(fx.ref("ci/myapp:latest")));
    }

    private void gateProdOn(Path... publicKeys) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Path key : publicKeys) {
            keys.add(Files.readString(key));
        }
        fx.service.apply(
                "prod.yaml",
                List.of(new StreamDefinition(
                        PROD.stream(),
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.withoutSource("latest")
                                        .withRequireSignature(SignaturePolicy.matchRepository(keys))))));
    }

    private void signSourceWithDevKey() throws Exception {
        fx.service.signer(Files.readAllBytes(devKey), new char[0]).sign(fx.ref("ci/myapp"), v1, Map.of());
    }

    @Test
    public void aDefinitionWhoseKeyIsNoPublicKeyIsRefusedWhenAppliedNamingTheTag() throws Exception {
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> gateProdOn(devKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image stream app-prod/myapp tag 'latest': requireSignature:")
                .hasMessageContaining("is a private key; give its public key")
                .hasMessageNotContaining(
                        Files.readString(devKey).lines().skip(1).findFirst().orElseThrow());
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void anUnsignedImageIsRefusedAndNothingChanges() throws Exception {
        gateProdOn(devPub);
        Map<String, String> before = fx.snapshot();

        assertThatThrownBy(() -> fx.service.promote(PromotionRequest.of(DEV, PROD, PromotionOptions.by("ci"))))
                .isInstanceOfSatisfying(PromotionRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(TagCondition.SIGNATURE_REQUIRED))
                .hasMessageContaining("refused by gate requireSignature")
                .hasMessageContaining("is not verified");
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    @Test
    public void anImageSignedByAnotherKeyIsRefusedNamingTheTrustedKey() throws Exception {
        gateProdOn(otherPub);
        signSourceWithDevKey();

        assertThatThrownBy(() -> fx.service.promote(PromotionRequest.of(DEV, PROD, PromotionOptions.by("ci"))))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining("signed by no trusted key");
    }

    @Test
    public void aSignedImagePassesAndTheSignatureIsTheEvidenceOfItsHistoryEntry() throws Exception {
        gateProdOn(otherPub, devPub);
        signSourceWithDevKey();

        PromotionRecord record = fx.service.promote(PromotionRequest.of(DEV, PROD, PromotionOptions.by("ci")));

        Evidence.Signature verified = record.evidence().signatures().get(0);
        assertThat(verified.origin()).isEqualTo(Evidence.Signature.VERIFIED);
        assertThat(verified.identity()).isEqualTo(fx.ref("ci/myapp").name());
        assertThat(record.gates()).singleElement().asString().contains("is signed by a trusted key");
        assertThat(fx.service
                        .requireStream(PROD.stream())
                        .currentImage("latest")
                        .orElseThrow()
                        .evidence())
                .isEqualTo(record.evidence());
    }

    @Test
    public void theCarriedSignatureVerifiesAtTheTargetUnderTheSourceKeyOnly() throws Exception {
        signSourceWithDevKey();
        fx.service.promote(PromotionRequest.of(DEV, PROD, PromotionOptions.by("ci"))
                .withCopyTo(fx.ref("prod/myapp").name()));
        String signedIdentity = SignaturePolicy.PATTERN + fx.ref("ci/myapp").name();
        TagSource.ImageStreamTag released = tag("app-released", "myapp", "latest");

        assertThatThrownBy(() -> fx.service.promote(PromotionRequest.of(
                        PROD,
                        released,
                        PromotionOptions.by("ci")
                                .withRequireSignature(
                                        new SignaturePolicy(List.of(Files.readString(otherPub)), signedIdentity)))))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining("signed by no trusted key");
        PromotionRecord record = fx.service.promote(PromotionRequest.of(
                PROD,
                released,
                PromotionOptions.by("ci")
                        .withRequireSignature(new SignaturePolicy(List.of(Files.readString(devPub)), signedIdentity))));

        assertThat(record.evidence().signatures()).singleElement().satisfies(s -> {
            assertThat(s.origin()).isEqualTo(Evidence.Signature.VERIFIED);
            assertThat(s.attachment())
                    .isEqualTo(fx.service.digest(fx.ref("prod/myapp:" + AttachmentTags.SIGNATURE.tagFor(v1))))
                    .isEqualTo(fx.service.digest(fx.ref("ci/myapp:" + AttachmentTags.SIGNATURE.tagFor(v1))));
        });
    }

    @Test
    public void aCopyCarriesTheSourceSignatureAndTheRecordAndHistoryListIt() throws Exception {
        signSourceWithDevKey();

        PromotionRecord record = fx.service.promote(PromotionRequest.of(DEV, PROD, PromotionOptions.by("ci"))
                .withCopyTo(fx.ref("prod/myapp").name()));

        assertThat(record.evidence().attachments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("signature");
            assertThat(a.subject()).isEqualTo(v1);
            assertThat(a.name()).isEqualTo(AttachmentTags.SIGNATURE.tagFor(v1));
        });
        assertThat(fx.service
                        .requireStream(PROD.stream())
                        .currentImage("latest")
                        .orElseThrow()
                        .evidence())
                .isEqualTo(record.evidence());
    }

    @Test
    public void anUnsignedImportIsRecordedAsSignatureRequiredAndRetried() throws Exception {
        fx.service.apply(
                "dev.yaml",
                List.of(new StreamDefinition(
                        DEV.stream(),
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of("signed", new TagSource.DockerImage(fx.ref("ci/myapp:latest")))
                                        .withRequireSignature(
                                                SignaturePolicy.matchRepository(List.of(Files.readString(devPub))))))));

        ImportResult unsigned = fx.service.importTag(ImportRequest.of(tag("app-dev", "myapp", "signed")));

        assertThat(unsigned).isInstanceOfSatisfying(ImportResult.Failed.class, f -> {
            assertThat(f.condition().reason()).isEqualTo(TagCondition.SIGNATURE_REQUIRED);
            assertThat(f.retryable()).isTrue();
        });
        signSourceWithDevKey();
        assertThat(fx.service.importTag(ImportRequest.of(tag("app-dev", "myapp", "signed"))))
                .isInstanceOf(ImportResult.Changed.class);
    }

    @Test
    public void aSignedPromotionVerifiesWithOpensslUnderThePromotionKeyOnly() throws Exception {
        PromotionRecord record = fx.service.promote(PromotionRequest.of(
                        DEV,
                        PROD,
                        PromotionOptions.by("job/release#7")
                                .withSigner(fx.service.signer(Files.readAllBytes(devKey), new char[0])))
                .withCopyTo(fx.ref("prod/myapp").name()));

        Evidence.Signature written = record.evidence().signatures().get(0);
        assertThat(written.origin()).isEqualTo(Evidence.Signature.WRITTEN);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://" + REGISTRY.host() + "/v2/" + fx.prefix + "/prod/myapp/";
        JsonNode manifest = new ObjectMapper()
                .readTree(get(
                        http,
                        base + "manifests/" + AttachmentTags.SIGNATURE.tagFor(v1),
                        "application/vnd.oci.image.manifest.v1+json"));
        JsonNode layer = manifest.path("layers").get(0);
        byte[] payload = get(http, base + "blobs/" + layer.path("digest").asText(), "*/*");
        byte[] signature = Base64.getDecoder()
                .decode(layer.path("annotations")
                        .path("dev.cosignproject.cosign/signature")
                        .asText());

        assertThat(openssl.verifies(devPub, payload, signature)).isTrue();
        assertThat(openssl.verifies(otherPub, payload, signature)).isFalse();
        JsonNode signed = new ObjectMapper().readTree(payload);
        assertThat(signed.path("critical")
                        .path("image")
                        .path("docker-manifest-digest")
                        .asText())
                .isEqualTo(v1.toString());
        assertThat(signed.path("critical")
                        .path("identity")
                        .path("docker-reference")
                        .asText())
                .isEqualTo(fx.ref("prod/myapp").name());
        assertThat(signed.path("optional")
                        .path("io.jenkins.imagestreams/source")
                        .asText())
                .isEqualTo(DEV.toString());
        assertThat(signed.path("optional").path("io.jenkins.imagestreams/actor").asText())
                .isEqualTo("job/release#7");
    }

    private static byte[] get(HttpClient http, String url, String accept) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
