package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The whole of receiving one notification, without any HTTP server: find the source, cap and read the body,
 * authenticate, check the content type, parse, and hand the pushes to the listener on the given executor. The JDK
 * {@link NotificationReceiver} and the Jenkins plugin's own URL both call {@link #handle}.
 *
 * <p>A rejected request changes nothing: the listener is not called. Rejections are logged with source, status and
 * reason, never with the body or a token. Only sources given an authenticator are served; the others answer 404.
 *
 * <p>Bursts (one push of a multi-arch image, retries) are not coalesced here: {@link
 * io.jenkins.plugins.imagestreams.watch.Watcher#pushed} coalesces them per stream tag, and the import re-resolves the
 * digest.
 */
public final class NotificationHandler {
    /** The largest body accepted: 1 MiB, far above any registry's push notification. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOGGER = Logger.getLogger(NotificationHandler.class.getName());

    private final Map<NotificationSource, NotificationAuthenticator> endpoints;
    private final Consumer<List<PushNotification>> listener;
    private final Executor executor;
    private final Metrics metrics;

    /**
     * @param endpoints the sources to serve and how each authenticates its sender
     * @param listener receives the pushes of each accepted request, on {@code executor}; never an empty list
     * @param executor runs the listener, so the sender gets its answer before any import starts
     */
    public NotificationHandler(
            Map<NotificationSource, NotificationAuthenticator> endpoints,
            Consumer<List<PushNotification>> listener,
            Executor executor) {
        this(endpoints, listener, executor, Metrics.NONE);
    }

    /** As the three-argument constructor, counting every answer in {@code metrics} by source and status. */
    public NotificationHandler(
            Map<NotificationSource, NotificationAuthenticator> endpoints,
            Consumer<List<PushNotification>> listener,
            Executor executor,
            Metrics metrics) {
        this.endpoints = endpoints.isEmpty() ? Map.of() : new EnumMap<>(endpoints);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Handles {@code POST /notify/<sourceName>[/<pathToken>]}. The caller has already checked the method.
     *
     * @param sourceName the path segment naming the source ({@code distribution}, {@code harbor}, …)
     * @param pathToken the token path segment, or null/empty when the URL has none
     * @param headers request headers by name, matched without case
     * @param body the request body; at most {@link #MAX_BODY_BYTES} + 1 bytes are read from it
     * @return 202 when the pushes were handed to the listener (or there were none), else 400, 401, 404, 413, 415 or
     *     503, with a reason
     */
    public NotificationResponse handle(
            String sourceName, String pathToken, Map<String, List<String>> headers, InputStream body) {
        NotificationResponse response = answer(sourceName, pathToken, headers, body);
        metrics.notification(
                NotificationSource.fromPathName(sourceName)
                        .map(NotificationSource::pathName)
                        .orElse("unknown"),
                response.status());
        return response;
    }

    private NotificationResponse answer(
            String sourceName, String pathToken, Map<String, List<String>> headers, InputStream body) {
        Optional<NotificationSource> source = NotificationSource.fromPathName(sourceName);
        if (source.isEmpty()) {
            return reject(
                    sourceName,
                    NotificationResponse.NOT_FOUND,
                    "unknown notification source; expected one of "
                            + Arrays.stream(NotificationSource.values())
                                    .map(NotificationSource::pathName)
                                    .collect(Collectors.joining(", ")));
        }
        NotificationAuthenticator authenticator = endpoints.get(source.get());
        if (authenticator == null) {
            return reject(sourceName, NotificationResponse.NOT_FOUND, "notifications from this source are not enabled");
        }
        NotificationRequest request;
        try {
            if (declaredLength(headers) > MAX_BODY_BYTES) {
                return tooLarge(sourceName);
            }
            byte[] bytes = readCapped(body);
            if (bytes == null) {
                return tooLarge(sourceName);
            }
            Optional<String> token = Optional.ofNullable(pathToken).filter(t -> !t.isEmpty());
            request = new NotificationRequest(source.get(), token, headers, bytes);
        } catch (IOException e) {
            return reject(sourceName, NotificationResponse.BAD_REQUEST, "the body could not be read: " + e);
        }
        if (!safeAuthenticate(authenticator, request)) {
            return reject(sourceName, NotificationResponse.UNAUTHORIZED, "missing or wrong credentials");
        }
        if (!source.get().acceptsContentType(request.header("Content-Type").orElse(null))) {
            return reject(
                    sourceName,
                    NotificationResponse.UNSUPPORTED_MEDIA_TYPE,
                    "expected Content-Type " + String.join(" or ", source.get().contentTypes()));
        }
        List<PushNotification> pushes;
        try {
            pushes = source.get().parse(request.body());
        } catch (MalformedNotificationException e) {
            return reject(sourceName, NotificationResponse.BAD_REQUEST, e.getMessage());
        }
        if (!pushes.isEmpty()) {
            try {
                executor.execute(() -> deliver(pushes));
            } catch (RejectedExecutionException e) {
                return reject(sourceName, NotificationResponse.SERVICE_UNAVAILABLE, "busy; the registry should retry");
            }
        }
        LOGGER.log(Level.FINE, "accepted {0} notification with {1} push(es)", new Object[] {sourceName, pushes.size()});
        return new NotificationResponse(NotificationResponse.ACCEPTED, "accepted " + pushes.size() + " push(es)");
    }

    private void deliver(List<PushNotification> pushes) {
        try {
            listener.accept(pushes);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "notification listener failed for " + pushes, e);
        }
    }

    private static boolean safeAuthenticate(NotificationAuthenticator authenticator, NotificationRequest request) {
        try {
            return authenticator.authenticate(request);
        } catch (RuntimeException e) {
            LOGGER.log(
                    Level.WARNING,
                    "authenticator " + authenticator + " failed; treating the request as unauthenticated",
                    e);
            return false;
        }
    }

    private static long declaredLength(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("Content-Length".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                for (String value : header.getValue()) {
                    try {
                        return Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    /** The body, or null when it is longer than {@link #MAX_BODY_BYTES}. */
    private static byte[] readCapped(InputStream body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = body.read(buffer)) >= 0) {
            total += read;
            if (total > MAX_BODY_BYTES) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static NotificationResponse tooLarge(String sourceName) {
        return reject(
                sourceName, NotificationResponse.PAYLOAD_TOO_LARGE, "body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static NotificationResponse reject(String sourceName, int status, String reason) {
        String shownSource = sourceName == null ? "" : sourceName.replaceAll("[^A-Za-z0-9._-]", "?");
        if (shownSource.length() > 40) {
            shownSource = shownSource.substring(0, 40) + "...";
        }
        String shownReason = reason.replaceAll("\\p{Cntrl}", "?");
        if (shownReason.length() > 300) {
            shownReason = shownReason.substring(0, 300) + "...";
        }
        LOGGER.log(Level.INFO, "rejected notification for source ''{0}'': {1} {2}", new Object[] {
            shownSource, status, shownReason
        });
        return new NotificationResponse(status, reason);
    }
}
