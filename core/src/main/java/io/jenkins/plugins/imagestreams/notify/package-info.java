/**
 * Registry push notifications turned into "what to re-import".
 *
 * <p>OpenShift only polls; a notification lets a push reach a triggered job within a second, with polling kept as
 * the safety net (registries drop queued notifications on restart). A {@link
 * io.jenkins.plugins.imagestreams.notify.PushNotification} only names a repository and perhaps a tag; the importer
 * always re-resolves the digest. {@link io.jenkins.plugins.imagestreams.notify.NotificationHandler} is the whole of
 * receiving one request; {@link io.jenkins.plugins.imagestreams.notify.NotificationReceiver} serves it on the JDK HTTP
 * server, the Jenkins plugin on its own URL. Matching notifications to stream tags, and coalescing bursts per tag,
 * belong to the import side: {@link io.jenkins.plugins.imagestreams.watch.PushMatcher} and {@link
 * io.jenkins.plugins.imagestreams.watch.Watcher}.
 */
package io.jenkins.plugins.imagestreams.notify;
