/**
 * Watching: what a long-running process composes so that stream tags follow their registries. {@link
 * io.jenkins.plugins.imagestreams.watch.Watcher} runs the import scheduler over every scheduled tag in a store, turns
 * registry push notifications into immediate imports ({@link io.jenkins.plugins.imagestreams.watch.PushMatcher}
 * names the tags, bursts are coalesced per tag) and delivers image change events.
 *
 * <p>It is a package of its own because it is the one place that knows every other one: {@code notify} only
 * receives and parses (it knows no streams), {@code importing} only imports and schedules (it knows no
 * notifications). The CLI's {@code imagestreams watch} and the Jenkins plugin both build a {@code Watcher}.
 */
package io.jenkins.plugins.imagestreams.watch;
