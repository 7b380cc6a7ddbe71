package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Test;

public class ErrorBodiesTest {
    private static RegistryException map(int status, String body) {
        return ErrorBodies.toException(
                "resolve tag 1.2 of quay.io/acme/api",
                status,
                body.getBytes(StandardCharsets.UTF_8),
                ErrorCode.MANIFEST_UNKNOWN,
                null);
    }

    @Test
    public void distributionErrorCodeAndMessageAreKept() {
        RegistryException e = map(
                404,
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"OCI manifest found, but accept header"
                        + " does not support OCI manifests\",\"detail\":{}}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.action()).isEqualTo("resolve tag 1.2 of quay.io/acme/api");
        assertThat(e.getMessage())
                .startsWith("Failed to resolve tag 1.2 of quay.io/acme/api: MANIFEST_UNKNOWN (HTTP 404)")
                .contains("accept header does not support OCI manifests")
                .contains("Check that the tag or digest exists");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    public void firstKnownCodeWinsAndAllMessagesAreShown() {
        RegistryException e = map(
                400,
                "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"},"
                        + "{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"second\"}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
        assertThat(e.getMessage()).contains("blob unknown to registry; second");
    }

    @Test
    public void manifestBlobUnknownWinsOverTheReadErrorDistributionListsBeforeIt() {
        RegistryException raced = map(
                400,
                "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded"
                        + " content\"},{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\","
                        + "\"detail\":\"sha256:9d8fe276c95b088321ee4ce57d530124d8dbe502c5e92d8cbf912ae65b1e5deb\"}]}");
        RegistryException others = map(
                400, "{\"errors\":[{\"code\":\"NAME_INVALID\",\"message\":\"a\"},{\"code\":\"MANIFEST_INVALID\"}]}");

        assertThat(raced.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
        assertThat(raced.getMessage())
                .contains("provided digest did not match uploaded content; blob unknown to registry");
        assertThat(others.code()).isEqualTo(ErrorCode.NAME_INVALID);
    }

    @Test
    public void statusDecidesWhenBodyHasNoCode() {
        assertThat(map(401, "").code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(map(403, "forbidden").code()).isEqualTo(ErrorCode.DENIED);
        assertThat(map(404, "").code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
        assertThat(map(429, "").code()).isEqualTo(ErrorCode.TOOMANYREQUESTS);
        assertThat(map(405, "").code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(map(500, "{\"errors\":[{\"code\":\"SOMETHING_NEW\"}]}").code())
                .isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    public void serverErrorsAndRateLimitsAreRetryableClientErrorsAreNot() {
        assertThat(map(500, "").isRetryable()).isTrue();
        assertThat(map(502, "<html>bad gateway</html>").isRetryable()).isTrue();
        assertThat(map(503, "").isRetryable()).isTrue();
        assertThat(map(429, "").isRetryable()).isTrue();
        assertThat(map(501, "").isRetryable()).isFalse();
        assertThat(map(400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}").isRetryable())
                .isFalse();
        assertThat(map(401, "").isRetryable()).isFalse();
    }

    @Test
    public void nonJsonBodyIsShortenedAndControlCharactersRemoved() {
        RegistryException e = map(502, "line one\nFAKE LOG LINE\r" + "x".repeat(1000));
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("line one FAKE LOG LINE");
        assertThat(e.getMessage().length()).isLessThan(600);
    }

    @Test
    public void retryAfterIsCarried() {
        RegistryException e = ErrorBodies.toException("a", 429, new byte[0], ErrorCode.UNKNOWN, Duration.ofSeconds(7));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    public void everyCodeKnowsWhetherRetryingHelps() {
        assertThat(ErrorCode.TOOMANYREQUESTS.isRetryable()).isTrue();
        assertThat(ErrorCode.CONNECTION.isRetryable()).isTrue();
        assertThat(ErrorCode.TIMEOUT.isRetryable()).isTrue();
        assertThat(ErrorCode.DIGEST_MISMATCH.isRetryable()).isFalse();
        assertThat(ErrorCode.UNAUTHORIZED.isRetryable()).isFalse();
        assertThat(ErrorCode.fromSpec("name_unknown")).isEqualTo(ErrorCode.NAME_UNKNOWN);
        assertThat(ErrorCode.fromSpec("NOT_A_CODE")).isEqualTo(ErrorCode.UNKNOWN);
    }
}
