package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.Util;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** What was verified and carried when the image entered the tag, a line each; empty when nothing. */
    public List<String> getEvidence() {
        return lines(event.evidence());
    }

    /** A line per signature ({@code verified signature by key …}) and per attachment ({@code attached sbom …}). */
    static List<String> lines(Evidence evidence) {
        List<String> lines = new ArrayList<>();
        evidence.signatures().forEach(s -> lines.add(s.toString()));
        evidence.attachments().forEach(a -> lines.add("attached " + a));
        return lines;
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
