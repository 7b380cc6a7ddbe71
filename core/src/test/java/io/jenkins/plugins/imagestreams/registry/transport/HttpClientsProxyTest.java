package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Test;

/** A request the default proxy selector sends through a proxy goes there, with the JDK's client that speaks to it. */
public class HttpClientsProxyTest {
    @Test
    public void aRequestTheProxySelectorSendsThroughAProxyReachesTheProxy() throws Exception {
        try (ScriptedServer proxy = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nproxied");
        })) {
            ProxySelector saved = ProxySelector.getDefault();
            ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())));
            HttpClients clients = new HttpClients(Duration.ofSeconds(5));
            try {
                URI registry = URI.create("http://registry.invalid:5000/v2/");
                HttpResponse<InputStream> response = clients.send(
                        HttpCall.of("GET", registry, Duration.ofSeconds(5)),
                        Body.NONE,
                        RegistryConfig.defaults(),
                        false);

                assertThat(response.body().readAllBytes()).isEqualTo("proxied".getBytes(StandardCharsets.UTF_8));
                assertThat(proxy.heads()).singleElement().asString().startsWith("GET " + registry + " HTTP/1.1");
                assertThat(proxy.failures()).isEmpty();
            } finally {
                ProxySelector.setDefault(saved);
                clients.close();
            }
        }
    }
}
