package io.jenkins.plugins.imagestreams.registry.transport;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** An HTTP/1.1 answer {@link BlockingHttp} received, its body still on the connection. */
record BlockingResponse(
        int statusCode,
        HttpRequest request,
        HttpHeaders headers,
        InputStream body,
        URI uri,
        Optional<SSLSession> sslSession)
        implements HttpResponse<InputStream> {
    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
