package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** Response heads as RFC 9112 frames them, and the ones it does not, refused with what was wrong. */
public class ResponseHeadTest {
    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ResponseHead head(String text) throws IOException {
        return ResponseHead.read(bytes(text));
    }

    @Test
    public void statusAndFieldsAreReadWithNamesInAnyCase() throws Exception {
        ResponseHead head = head(
                "HTTP/1.1 201 Created\r\nLocation: /v2/app/blobs/uploads/1\r\n" + "X-Seen:  a \r\nx-seen: b\r\n\r\n");

        assertThat(head.status()).isEqualTo(201);
        assertThat(head.headers().firstValue("location")).contains("/v2/app/blobs/uploads/1");
        assertThat(head.headers().allValues("X-SEEN")).containsExactly("a", "b");
        assertThat(head.keepsConnection()).isTrue();
    }

    @Test
    public void aBareLineFeedEndsALineAndAReasonMayBeMissing() throws Exception {
        assertThat(head("HTTP/1.1 204\nA: 1\n\n").status()).isEqualTo(204);
    }

    @Test
    public void interimAnswersAreSkippedAndTheBodyIsLeftUnread() throws Exception {
        InputStream in = bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");

        ResponseHead head = ResponseHead.read(in);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentLength()).isEqualTo(3);
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("abc");
    }

    @Test
    public void whatIsNoHttpResponseIsRefusedAndQuoted() {
        for (String answer : List.of("SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n")) {
            assertThatThrownBy(() -> head(answer))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("no HTTP/1.x response")
                    .hasMessageContaining(answer.substring(0, 6));
        }
    }

    @Test
    public void aFoldedOrNamelessFieldIsRefused() {
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\nA: 1\r\n continued\r\n\r\n"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("malformed header field 'continued'");
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\n: 1\r\n\r\n")).isInstanceOf(ProtocolException.class);
    }

    @Test
    public void lineLengthAndFieldCountAreBounded() {
        String longLine = "HTTP/1.1 200 OK\r\nA: " + "x".repeat(ResponseHead.MAX_LINE) + "\r\n\r\n";
        assertThatThrownBy(() -> head(longLine))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than " + ResponseHead.MAX_LINE);

        String manyFields = "HTTP/1.1 200 OK\r\n" + "A: 1\r\n".repeat(ResponseHead.MAX_FIELDS + 1) + "\r\n";
        assertThatThrownBy(() -> head(manyFields))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("more than " + ResponseHead.MAX_FIELDS);
    }

    @Test
    public void anEndBeforeAnyByteTellsFromAnEndWithinTheHead() {
        assertThatThrownBy(() -> head("")).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\nA: 1"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("ended early");
    }

    @Test
    public void contentLengthMustBeOneNumber() throws Exception {
        assertThat(head("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\n").contentLength())
                .isEqualTo(3);
        assertThat(head("HTTP/1.1 200 OK\r\n\r\n").contentLength()).isEqualTo(-1);
        for (String wrong : List.of("3\r\nContent-Length: 4", "-1", "0x10", "", "99999999999999999999")) {
            ResponseHead head = head("HTTP/1.1 200 OK\r\nContent-Length: " + wrong + "\r\n\r\n");
            assertThatThrownBy(head::contentLength).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    public void chunkedMustBeTheLastTransferCoding() throws Exception {
        assertThat(head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n")
                        .chunked())
                .isTrue();
        assertThat(head("HTTP/1.1 200 OK\r\n\r\n").chunked()).isFalse();
        ResponseHead wrong = head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n");
        assertThatThrownBy(wrong::chunked)
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("does not end with chunked");
    }

    @Test
    public void onlyAnHttp11AnswerWithoutCloseKeepsTheConnection() throws Exception {
        assertThat(head("HTTP/1.0 200 OK\r\n\r\n").keepsConnection()).isFalse();
        assertThat(head("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\n\r\n")
                        .keepsConnection())
                .isFalse();
        assertThat(head("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n").keepsConnection())
                .isTrue();
    }
}
