package io.jenkins.plugins.imagestreams.registry.transport;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * An HTTP/1.1 answer {@link BlockingHttp} received to {@code call}, its body still on the connection. The JDK's form of
 * the request is made only when {@link #request()} asks for it.
 */
record BlockingResponse(
        int statusCode, HttpCall call, HttpHeaders headers, InputStream body, Optional<SSLSession> sslSession)
        implements HttpResponse<InputStream> {
    @Override
    public HttpRequest request() {
        return call.toJdkRequest(Body.NONE);
    }

    @Override
    public URI uri() {
        return call.uri();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
