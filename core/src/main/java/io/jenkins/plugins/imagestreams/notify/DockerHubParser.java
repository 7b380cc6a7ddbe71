package io.jenkins.plugins.imagestreams.notify;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.List;

/**
 * Docker Hub repository webhooks. Docker Hub sends one kind of event, a push, with {@code push_data.tag} and
 * {@code repository.repo_name}; there is no event type and no digest. The {@code callback_url} is not called: it only
 * matters for automated builds, and calling back would make the receiver a request-forgery tool.
 *
 * <p>Official images report {@code repo_name} without a namespace; they live under {@code library/}.
 *
 * @see <a href="https://docs.docker.com/docker-hub/repos/manage/webhooks/">Docker Hub: Webhooks</a>
 */
final class DockerHubParser implements NotificationParser {
    @Override
    public List<PushNotification> parse(byte[] body) throws MalformedNotificationException {
        JsonObject root = JsonObject.parse(NotificationSource.DOCKERHUB.pathName(), body);
        JsonObject pushData = root.object("push_data");
        JsonObject repository = root.object("repository");
        String repoName = repository.text("repo_name");
        if (!repoName.contains("/")) {
            repoName = "library/" + repoName;
        }
        String tag = pushData.optionalText("tag").orElse(null);
        return List.of(ParserSupport.push(
                repository, NotificationSource.DOCKERHUB, ImageReference.DOCKER_HUB, repoName, tag, null));
    }
}
