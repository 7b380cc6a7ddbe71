package io.jenkins.plugins.imagestreams.jenkins.runtime;

import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.WebhookEndpoint;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The configured webhook endpoints as core's handler takes them: per source, any of its authenticators. */
final class WebhookEndpoints {
    private WebhookEndpoints() {}

    static Map<NotificationSource, NotificationAuthenticator> of(ImageStreamsConfiguration config, Logger logger) {
        Map<NotificationSource, List<NotificationAuthenticator>> bySource = new EnumMap<>(NotificationSource.class);
        for (WebhookEndpoint endpoint : config.getWebhooks()) {
            try {
                bySource.computeIfAbsent(endpoint.toSource(), s -> new ArrayList<>())
                        .add(endpoint.toAuthenticator());
            } catch (IllegalArgumentException e) {
                // the message never holds the secret: core's checks name the rule only
                logger.log(Level.WARNING, "webhook endpoint for ''{0}'' skipped: {1}", new Object[] {
                    endpoint.getSource(), e.getMessage()
                });
            }
        }
        Map<NotificationSource, NotificationAuthenticator> endpoints = new EnumMap<>(NotificationSource.class);
        bySource.forEach((source, schemes) -> endpoints.put(
                source, NotificationAuthenticator.anyOf(schemes.toArray(NotificationAuthenticator[]::new))));
        return endpoints;
    }
}
