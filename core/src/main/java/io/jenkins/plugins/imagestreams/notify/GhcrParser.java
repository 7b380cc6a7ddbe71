package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub {@code package} webhook events (and the older {@code registry_package} ones, same shape) for GitHub Container
 * Registry. Only {@code action: published} of a container package is kept: {@code registry.type}, else {@code
 * package_type}, else {@code ecosystem} is {@code container} or {@code docker}. The image is {@code
 * package_version.package_url} ({@code ghcr.io/owner/app:1.2.0}) when it names one, else {@code
 * package.namespace/package.name} on ghcr.io, lowercased as ghcr.io names images. GitHub names the registry {@code
 * https://<TYPE>.pkg.github.com/<owner>} in {@code registry.url}; that is not where container images are pulled from,
 * so its host is never taken. The tag and digest come from {@code container_metadata.tag}; an empty tag name means a
 * push by digest, and a digest that is not one (GitHub's own examples carry a 40-hex placeholder) is left out, as it
 * is only a hint the import checks anyway.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#package">GitHub: Webhook events and
 *     payloads, package</a>
 */
final class GhcrParser implements NotificationParser {
    static final String GHCR = "ghcr.io";
    private static final Set<String> CONTAINER_TYPES = Set.of("container", "docker");

    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.GHCR.pathName(), body);
        if (!"published".equals(root.text("action"))) {
            return List.of();
        }
        Optional<JsonObject> packageObject = root.optionalObject("package");
        JsonObject pkg = packageObject.isPresent() ? packageObject.get() : root.object("registry_package");
        if (!isContainer(pkg)) {
            return List.of();
        }
        JsonObject version = pkg.object("package_version");
        String host = GHCR;
        String repository = (pkg.text("namespace") + "/" + pkg.text("name")).toLowerCase(Locale.ROOT);
        Optional<String> packageUrl = version.optionalText("package_url").filter(u -> u.startsWith(GHCR + "/"));
        if (packageUrl.isPresent()) {
            repository = imageName(packageUrl.get().substring(GHCR.length() + 1));
        }
        String tag = null;
        Digest digest = null;
        Optional<JsonObject> metadata = version.optionalObject("container_metadata");
        if (metadata.isPresent()) {
            Optional<JsonObject> tagObject = metadata.get().optionalObject("tag");
            if (tagObject.isPresent()) {
                tag = tagObject
                        .get()
                        .optionalText("name")
                        .filter(t -> !t.isEmpty())
                        .orElse(null);
                digest = tagObject
                        .get()
                        .optionalText("digest")
                        .flatMap(GhcrParser::digest)
                        .orElse(null);
            }
        }
        return List.of(ParserSupport.push(pkg, NotificationSource.GHCR, host, repository, tag, digest));
    }

    /** The registry's type decides when given, else the package type, else the ecosystem. */
    private static boolean isContainer(JsonObject pkg) throws MalformedNotificationException {
        Optional<JsonObject> registry = pkg.optionalObject("registry");
        Optional<String> registryType = registry.isPresent() ? registry.get().optionalText("type") : Optional.empty();
        String type = registryType
                .or(() -> optional(pkg, "package_type"))
                .or(() -> optional(pkg, "ecosystem"))
                .orElse("");
        return CONTAINER_TYPES.contains(type.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> optional(JsonObject object, String field) {
        try {
            return object.optionalText(field);
        } catch (MalformedNotificationException e) {
            return Optional.empty();
        }
    }

    /** {@code owner/app:1.2.0} or {@code owner/app@sha256:…} without tag and digest, lowercased. */
    private static String imageName(String path) {
        int at = path.indexOf('@');
        String name = at < 0 ? path : path.substring(0, at);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static Optional<Digest> digest(String text) {
        try {
            return Optional.of(Digest.parse(text));
        } catch (InvalidReferenceException e) {
            return Optional.empty();
        }
    }
}
