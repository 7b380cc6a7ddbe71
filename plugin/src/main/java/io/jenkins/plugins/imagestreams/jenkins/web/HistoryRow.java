package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.Util;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.time.Duration;
import java.time.Instant;

/** One history entry as the pages show it. */
public final class HistoryRow {
    private final TagEvent event;
    private final Instant now;

    HistoryRow(TagEvent event, Instant now) {
        this.event = event;
        this.now = now;
    }

    /** "3 min 4 sec", how long ago the entry was created. */
    public String getAge() {
        return age(event.created(), now);
    }

    public String getCreated() {
        return event.created().toString();
    }

    public String getDigest() {
        return event.image().toString();
    }

    public String getShortDigest() {
        return event.image().shortForm();
    }

    public String getReference() {
        return event.dockerImageReference();
    }

    public String getCause() {
        return event.cause();
    }

    /** A colour derived from the digest, so equal digests look alike across a page. */
    public String getColor() {
        return color(event.image().hex());
    }

    static String age(Instant then, Instant now) {
        return Util.getTimeSpanString(Math.max(0, Duration.between(then, now).toMillis()));
    }

    static String color(String hex) {
        int hue = Integer.parseInt(hex.substring(0, 4), 16) % 360;
        return "hsl(" + hue + ", 70%, 85%)";
    }
}
