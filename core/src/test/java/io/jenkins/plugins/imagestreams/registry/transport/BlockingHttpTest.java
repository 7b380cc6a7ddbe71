package io.jenkins.plugins.imagestreams.registry.transport;

import static io.jenkins.plugins.imagestreams.registry.transport.ScriptedServer.readBody;
import static io.jenkins.plugins.imagestreams.registry.transport.ScriptedServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.registry.BlobSource;
import java.io.EOFException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/**
 * HTTP/1.1 on blocking sockets, against a server that frames its answers in every way the protocol allows and fails in
 * the ways servers do: chunks, bodies to the connection's end, connections closed while kept, answers before the
 * whole upload.
 */
public class BlockingHttpTest {
    private final BlockingHttp http = new BlockingHttp(Duration.ofSeconds(5));
    private ScriptedServer server;

    @After
    public void close() throws Exception {
        http.close();
        if (server != null) {
            server.close();
            assertThat(server.failures()).isEmpty();
        }
    }

    private static HttpCall request(String method, String url) {
        return HttpCall.of(method, URI.create(url), Duration.ofSeconds(5)).with("User-Agent", "test");
    }

    private HttpResponse<InputStream> send(String method, String path, Body body) throws Exception {
        return http.send(request(method, server.url(path)), body, null);
    }

    private static String text(HttpResponse<InputStream> response) throws Exception {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    public void chunksWithExtensionsAndTrailersAreJoinedAndTheConnectionServesTheNextRequest() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            write(
                    socket,
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "4;name=value\r\nWiki\r\n5\r\npedia\r\n0\r\nExpires: never\r\n\r\n");
            self.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });

        assertThat(text(send("GET", "/first", Body.NONE))).isEqualTo("Wikipedia");
        assertThat(text(send("GET", "/second", Body.NONE))).isEqualTo("ok");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    public void malformedChunksAreRefusedNotGuessedAt() throws Exception {
        List<String> malformed = List.of(
                "zz\r\nabc\r\n0\r\n\r\n", // no size
                "2\r\nabc\r\n0\r\n\r\n", // longer than its size
                "4000000000000000\r\n"); // a size past any length
        server = new ScriptedServer((socket, index, self) -> {
            if (self.readHead(socket.getInputStream()) >= 0) {
                write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + malformed.get(index));
            }
        });

        for (String chunks : malformed) {
            HttpResponse<InputStream> response = send("GET", "/v2/", Body.NONE);
            assertThatThrownBy(() -> response.body().readAllBytes()).as(chunks).isInstanceOf(ProtocolException.class);
            response.body().close();
        }
        assertThat(server.connections()).isEqualTo(malformed.size());
    }

    @Test
    public void theAnswerToAHeadHasNoBodyWhateverItsLengthSays() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            self.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 204 No Content\r\n\r\n");
        });

        assertThat(text(send("HEAD", "/v2/app/manifests/1", Body.NONE))).isEmpty();
        assertThat(send("DELETE", "/v2/app/blobs/uploads/1", Body.NONE).statusCode())
                .isEqualTo(204);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    public void aBodyWithoutLengthRunsToTheConnectionsEndWhichIsNotKept() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            write(socket, "HTTP/1.0 200 OK\r\n\r\nall of it");
        });

        assertThat(text(send("GET", "/one", Body.NONE))).isEqualTo("all of it");
        assertThat(text(send("GET", "/two", Body.NONE))).isEqualTo("all of it");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    public void aBodyEndingBeforeItsLengthFailsWithBothCounts() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd");
        });

        HttpResponse<InputStream> response = send("GET", "/v2/app/blobs/x", Body.NONE);
        assertThatThrownBy(() -> response.body().readAllBytes())
                .isInstanceOf(EOFException.class)
                .hasMessage("the response body ended after 4 of its 10 bytes");
    }

    @Test
    public void theHeadNamesHostTargetAndLengthOnlyWhereThereIsContent() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            for (long length; (length = self.readHead(socket.getInputStream())) >= 0; ) {
                readBody(socket.getInputStream(), length);
                write(socket, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            }
        });

        send("GET", "/v2/app/blobs/sha256:ab", Body.NONE).body().close();
        send("PUT", "/v2/app/blobs/uploads/1?_state=x&digest=sha256%3Aab", Body.NONE)
                .body()
                .close();
        send("PATCH", "/v2/app/blobs/uploads/1", Body.of("abc".getBytes(StandardCharsets.UTF_8)))
                .body()
                .close();

        assertThat(server.heads().get(0))
                .startsWith("GET /v2/app/blobs/sha256:ab HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                .contains("User-Agent: test")
                .doesNotContain("Content-Length");
        assertThat(server.heads().get(1))
                .startsWith("PUT /v2/app/blobs/uploads/1?_state=x&digest=sha256%3Aab HTTP/1.1\r\n")
                .contains("Content-Length: 0");
        assertThat(server.heads().get(2)).contains("Content-Length: 3");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    public void aKeptConnectionTheServerClosedIsReplacedAndTheUploadSentWholeOnTheNewOne() throws Exception {
        AtomicInteger bodyBytes = new AtomicInteger();
        server = new ScriptedServer((socket, index, self) -> {
            long length = self.readHead(socket.getInputStream());
            bodyBytes.set((int) readBody(socket.getInputStream(), length));
            write(socket, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            // closed at once after the answer, without saying so: the client finds out at its next request
        });
        byte[] blob = new byte[3 * 1024 * 1024];
        AtomicInteger opened = new AtomicInteger();
        BlobSource source = () -> {
            opened.incrementAndGet();
            return BlobSource.of(blob).open();
        };

        send("GET", "/v2/", Body.NONE).body().close();
        Thread.sleep(100);
        HttpResponse<InputStream> upload = send("PATCH", "/v2/app/blobs/uploads/1", Body.of(source, blob.length));

        assertThat(upload.statusCode()).isEqualTo(202);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(bodyBytes.get()).isEqualTo(blob.length);
        assertThat(opened.get()).isBetween(1, 2);
    }

    @Test
    public void anAnswerBeforeTheWholeUploadIsReturnedInsteadOfTheFailedWrite() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            write(
                    socket,
                    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"https://auth\"\r\n"
                            + "Content-Length: 0\r\n\r\n");
            socket.shutdownOutput();
            readBody(socket.getInputStream(), 64 * 1024);
        });
        byte[] blob = new byte[32 * 1024 * 1024];

        HttpResponse<InputStream> answer =
                send("PATCH", "/v2/app/blobs/uploads/1", Body.of(BlobSource.of(blob), blob.length));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"https://auth\"");
        answer.body().close();
    }

    @Test
    public void closingClosesTheKeptConnections() throws Exception {
        AtomicInteger afterAnswer = new AtomicInteger(-2);
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            afterAnswer.set(socket.getInputStream().read());
        });
        send("GET", "/v2/", Body.NONE).body().close();

        http.close();

        for (int wait = 0; wait < 100 && afterAnswer.get() == -2; wait++) {
            Thread.sleep(50);
        }
        assertThat(afterAnswer.get())
                .as("what the server read after its answer")
                .isEqualTo(-1);
    }

    @Test
    public void noAnswerInTimeIsATimeout() throws Exception {
        server = new ScriptedServer((socket, index, self) -> {
            self.readHead(socket.getInputStream());
            readBody(socket.getInputStream(), Long.MAX_VALUE);
        });
        HttpCall slow = HttpCall.of("GET", URI.create(server.url("/v2/")), Duration.ofMillis(200));

        assertThatThrownBy(() -> http.send(slow, Body.NONE, null))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("within 200 ms");
    }
}
