package io.jenkins.plugins.imagestreams.notify;

import java.util.List;

/**
 * Azure Container Registry webhooks: one event per request, shaped like a distribution event ({@code action},
 * {@code target.repository/tag/digest}, {@code request.host}). Only {@code push} is kept; {@code delete},
 * {@code chart_push}, {@code chart_delete} and {@code quarantine} give nothing.
 *
 * @see <a href="https://learn.microsoft.com/en-us/azure/container-registry/container-registry-webhook-reference">Azure
 *     Container Registry webhook reference</a>
 */
final class AcrParser implements NotificationParser {
    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject event = JsonObject.parse(NotificationSource.ACR.pathName(), body);
        return DistributionParser.manifestPush(event, NotificationSource.ACR, false)
                .map(List::of)
                .orElse(List.of());
    }
}
