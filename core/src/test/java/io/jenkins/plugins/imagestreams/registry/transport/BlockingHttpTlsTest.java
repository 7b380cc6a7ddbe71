package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * TLS on the blocking connections checks the certificate's chain and the host name the request names against it:
 * a certificate issued for 127.0.0.1, presented by a server reached as 127.0.0.2, is refused even from a trusted CA.
 */
public class BlockingHttpTlsTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final BlockingHttp http = new BlockingHttp(Duration.ofSeconds(5));
    private ScriptedServer server;

    @After
    public void close() throws IOException {
        http.close();
        if (server != null) {
            server.close();
        }
    }

    private static SSLContext serverContext(TestCertificates.ServerTls tls) throws Exception {
        String base64 = Files.readString(tls.serverKey())
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "server",
                key,
                new char[0],
                TestCertificates.readCertificates(tls.serverCertificate()).toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private SSLContext serveOn(String address) throws Exception {
        TestCertificates.ServerTls tls =
                TestCertificates.serverTls(tmp.newFolder().toPath());
        server = new ScriptedServer(InetAddress.getByName(address), serverContext(tls), (socket, index, self) -> {
            if (self.readHead(socket.getInputStream()) >= 0) {
                ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
        return TestCertificates.trusting(tls.caCertificate());
    }

    private HttpResponse<InputStream> get(String url, SSLContext trust) throws IOException {
        return http.send(HttpCall.of("GET", URI.create(url), Duration.ofSeconds(10)), Body.NONE, trust);
    }

    @Test
    public void aServerWhoseCertificateNamesTheHostIsAnswered() throws Exception {
        SSLContext trust = serveOn("127.0.0.1");

        HttpResponse<InputStream> response = get(server.httpsUrl("127.0.0.1", "/v2/"), trust);

        assertThat(response.body().readAllBytes()).asString().isEqualTo("ok");
        assertThat(response.sslSession()).isPresent();
    }

    @Test
    public void aCertificateForAnotherHostIsRefusedThoughItsCaIsTrusted() throws Exception {
        SSLContext trust = serveOn("127.0.0.2");

        assertThatThrownBy(() -> get(server.httpsUrl("127.0.0.2", "/v2/"), trust))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.2");
    }

    @Test
    public void aCertificateFromAnUntrustedCaIsRefused() throws Exception {
        serveOn("127.0.0.1");
        SSLContext otherCa = TestCertificates.trusting(
                TestCertificates.serverTls(tmp.newFolder().toPath()).caCertificate());

        assertThatThrownBy(() -> get(server.httpsUrl("127.0.0.1", "/v2/"), otherCa))
                .isInstanceOf(SSLHandshakeException.class)
                .satisfies(e -> assertThat(HttpClients.certificateProblem(e)).isPresent());
    }
}
