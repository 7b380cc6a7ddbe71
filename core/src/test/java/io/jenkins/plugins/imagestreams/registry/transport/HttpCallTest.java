package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * A request as the blocking transport writes it, checked as the JDK's request builder checks one: a value that would
 * end its header field and start another is refused, as are the fields the transport writes itself.
 */
public class HttpCallTest {
    private static final URI REGISTRY = URI.create("http://127.0.0.1:5000/v2/team/app/manifests/1");
    private static final Duration TIMEOUT = Duration.ofSeconds(7);

    @Test
    public void aValueWithALineBreakIsRefusedNamingTheHeader() {
        HttpCall call = HttpCall.of("GET", REGISTRY, TIMEOUT);

        assertThatThrownBy(() -> call.with("Authorization", "Bearer abc\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Authorization")
                .hasMessageContaining("control character")
                .hasMessageNotContaining("abc");
        assertThatThrownBy(() -> call.with("Accept", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.with("Accept", "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(call.with("Accept", "a,\tb").headers()).containsEntry("Accept", "a,\tb");
    }

    @Test
    public void namesAndMethodsMustBeTokens() {
        HttpCall call = HttpCall.of("GET", REGISTRY, TIMEOUT);

        assertThatThrownBy(() -> call.with("X Bad", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an HTTP header name: X Bad");
        assertThatThrownBy(() -> call.with("X:Bad", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.with("", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCall.of("GET /x HTTP/1.1\r\n", REGISTRY, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an HTTP method");
    }

    @Test
    public void theFieldsTheTransportWritesAreNotTaken() {
        HttpCall call = HttpCall.of("PUT", REGISTRY, TIMEOUT);

        for (String name : List.of("Host", "content-length", "Connection", "Expect", "Upgrade")) {
            assertThatThrownBy(() -> call.with(name, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining("written by the transport");
        }
    }

    @Test
    public void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> HttpCall.of("GET", REGISTRY, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    public void theHeadCarriesTheFieldsInOrderWithHostAndLength() {
        HttpCall call = HttpCall.of("PUT", REGISTRY, TIMEOUT)
                .with("User-Agent", "test")
                .with("Content-Type", "application/vnd.oci.image.manifest.v1+json");

        String head = new String(
                BlockingHttp.head(call, Body.of("{}".getBytes(StandardCharsets.UTF_8))), StandardCharsets.ISO_8859_1);

        assertThat(head)
                .isEqualTo("PUT /v2/team/app/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nUser-Agent: test\r\n"
                        + "Content-Type: application/vnd.oci.image.manifest.v1+json\r\nContent-Length: 2\r\n\r\n");
    }

    @Test
    public void theJdkFormCarriesMethodFieldsAndTimeoutOverHttp11ForPlainHttp() {
        HttpCall call =
                HttpCall.of("HEAD", REGISTRY, TIMEOUT).with("Accept", "a").with("If-None-Match", "\"x\"");

        HttpRequest jdk = call.toJdkRequest(Body.NONE);

        assertThat(jdk.method()).isEqualTo("HEAD");
        assertThat(jdk.uri()).isEqualTo(REGISTRY);
        assertThat(jdk.timeout()).contains(TIMEOUT);
        assertThat(jdk.version()).contains(HttpClient.Version.HTTP_1_1);
        assertThat(jdk.headers().map()).isEqualTo(Map.of("Accept", List.of("a"), "If-None-Match", List.of("\"x\"")));
        assertThat(HttpCall.of("GET", URI.create("https://registry.example/v2/"), TIMEOUT)
                        .toJdkRequest(Body.NONE)
                        .version())
                .isEqualTo(Optional.empty());
    }
}
