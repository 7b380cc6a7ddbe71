package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** What the parsers share: building a validated notification and reading a host out of a URL. */
final class ParserSupport {
    private ParserSupport() {}

    /**
     * A notification, with a grammar error in a payload value reported as malformed input.
     *
     * @param where the object the values came from, to name in the message
     */
    static PushNotification push(
            JsonObject where, NotificationSource source, String registry, String repository, String tag, Digest digest)
            throws MalformedNotificationException {
        try {
            return PushNotification.of(source, registry, repository, tag, digest);
        } catch (IllegalArgumentException e) {
            throw new MalformedNotificationException(
                    where.source() + " notification: " + where.path() + " names an invalid image: " + e.getMessage());
        }
    }

    /** The {@code host[:port]} of an absolute URL, empty when it has none. */
    static Optional<String> hostOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost();
            return Optional.of(uri.getPort() < 0 ? host : host + ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The host of a reference written without scheme ({@code quay.io/acme/api}): everything before the first '/'. */
    static Optional<String> leadingHost(String reference) {
        int slash = reference.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(reference.substring(0, slash));
    }
}
