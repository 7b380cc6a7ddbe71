package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.TokenIssuer;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.ClassRule;
import org.junit.Test;

/** Distribution token auth with a loopback token issuer: full access for the user, pull-only for anonymous. */
public class RegistryClientTokenAuthTest extends AbstractRegistryClientRealTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.builder()
            .token("tokenuser", "tokenpass")
            .accessLog()
            .build();

    @Override
    protected RegistryFixture registry() {
        return REGISTRY;
    }

    @Test
    public void withATokenCachedEachResolveIsExactlyOneRequest() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "token cache");
        Skopeo.push(image, REGISTRY, "src/cached:1");
        TokenIssuer issuer = REGISTRY.tokenIssuer().orElseThrow();
        RegistryClient client = client();

        assertThat(client.resolve(ref("src/cached:1"))).isEqualTo(Digest.parse(image.digest()));
        int tokens = issuer.tokensIssued();
        long heads = headsOf("src/cached", "1");
        for (int i = 0; i < 5; i++) {
            assertThat(client.resolve(ref("src/cached:1"))).isEqualTo(Digest.parse(image.digest()));
        }

        assertThat(issuer.tokensIssued()).isEqualTo(tokens);
        assertThat(awaitHeads("src/cached", "1", heads + 5)).isEqualTo(heads + 5);
    }

    @Test
    public void aCheckWithTheLastKnownDigestIsOneHeadAnsweredNotModifiedWhileTheTagStays() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "not modified");
        Skopeo.push(image, REGISTRY, "src/etag:1");
        RegistryClient client = client();
        assertThat(client.resolve(ref("src/etag:1")))
                .isEqualTo(Digest.parse(image.digest())); // the token is cached from here
        long heads = headsOf("src/etag", "1");

        for (int i = 0; i < 3; i++) {
            assertThat(client.resolve(ref("src/etag:1"), Optional.of(Digest.parse(image.digest()))))
                    .isEqualTo(Digest.parse(image.digest()));
        }

        assertThat(awaitHeads("src/etag", "1", heads + 3)).isEqualTo(heads + 3);
        assertThat(headsOf("src/etag", "1", 304)).isEqualTo(3);
    }

    @Test
    public void wrongPasswordIsUnauthorizedFromTheTokenRealm() {
        assertThatThrownBy(() -> clientWith(Optional.of(new Credentials("tokenuser", "wrong-secret")))
                        .resolve(ref("src/any:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).doesNotContain("wrong-secret");
                });
    }

    @Test
    public void anonymousMayPullButNotPush() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "anonymous pull");
        Skopeo.push(image, REGISTRY, "src/public:1");
        RegistryClient anonymous = clientWith(Optional.empty());

        assertThat(anonymous.resolve(ref("src/public:1"))).isEqualTo(Digest.parse(image.digest()));
        Digest blob = Digest.sha256("anon".getBytes());
        assertThatThrownBy(() -> anonymous.uploadBlob(ref("anon/push"), blob, 4, BlobSource.of("anon".getBytes())))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.UNAUTHORIZED, ErrorCode.DENIED));
    }

    private long awaitHeads(String repository, String tag, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long seen = headsOf(repository, tag);
        while (seen < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = headsOf(repository, tag);
        }
        return seen;
    }

    /** HEAD requests for the manifest in the registry's access log, of any status. */
    private static long headsOf(String repository, String tag) {
        return count("\"HEAD /v2/" + Pattern.quote(repository) + "/manifests/" + Pattern.quote(tag) + " HTTP");
    }

    /** HEAD requests for the manifest in the registry's access log answered with {@code status}. */
    private static long headsOf(String repository, String tag, int status) {
        return count("\"HEAD /v2/" + Pattern.quote(repository) + "/manifests/" + Pattern.quote(tag) + " HTTP/1.1\" "
                + status + " ");
    }

    private static long count(String regex) {
        Matcher m = Pattern.compile(regex).matcher(REGISTRY.log());
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
