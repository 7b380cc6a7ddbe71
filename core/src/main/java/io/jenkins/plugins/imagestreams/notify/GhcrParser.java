package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitHub {@code package} webhook events (and the older {@code registry_package} ones, same shape) for GitHub Container
 * Registry. Only {@code action: published} of a package whose {@code package_type} is {@code container} is kept: the
 * repository is {@code package.namespace/package.name} (lowercased, as ghcr.io names it), the tag and digest come from
 * {@code package.package_version.container_metadata.tag}, the host from {@code package.registry.url} or
 * {@code ghcr.io}.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#package">GitHub: Webhook events and
 *     payloads, package</a>
 */
final class GhcrParser implements NotificationParser {
    static final String GHCR = "ghcr.io";

    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.GHCR.pathName(), body);
        if (!"published".equals(root.text("action"))) {
            return List.of();
        }
        Optional<JsonObject> packageObject = root.optionalObject("package");
        JsonObject pkg = packageObject.isPresent() ? packageObject.get() : root.object("registry_package");
        if (!"container".equals(pkg.text("package_type").toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        String repository = (pkg.text("namespace") + "/" + pkg.text("name")).toLowerCase(Locale.ROOT);
        String host = GHCR;
        Optional<JsonObject> registry = pkg.optionalObject("registry");
        if (registry.isPresent()) {
            host = registry.get()
                    .optionalText("url")
                    .flatMap(ParserSupport::hostOf)
                    .orElse(GHCR);
        }
        String tag = null;
        Digest digest = null;
        Optional<JsonObject> metadata = pkg.object("package_version").optionalObject("container_metadata");
        if (metadata.isPresent()) {
            Optional<JsonObject> tagObject = metadata.get().optionalObject("tag");
            if (tagObject.isPresent()) {
                tag = tagObject.get().optionalText("name").orElse(null);
                digest = tagObject.get().optionalDigest("digest").orElse(null);
            }
        }
        return List.of(ParserSupport.push(pkg, NotificationSource.GHCR, host, repository, tag, digest));
    }
}
