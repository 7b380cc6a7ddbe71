package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagNames;
import io.jenkins.plugins.imagestreams.stream.TagSource;

/**
 * A stream tag named on the command line, {@code [namespace/]stream[:tag]}.
 *
 * @param stream the stream, in namespace {@code default} unless named
 * @param tag the tag
 * @param tagGiven whether the text named the tag (else it is {@code latest})
 */
record StreamTagArg(StreamName stream, String tag, boolean tagGiven) {
    static final String DEFAULT_TAG = "latest";

    /**
     * Parses {@code [namespace/]stream[:tag]}; the tag defaults to {@code latest}.
     *
     * @throws io.jenkins.plugins.imagestreams.stream.InvalidStreamException naming what is wrong
     */
    static StreamTagArg parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new UsageException("stream tag is empty; expected [namespace/]stream[:tag]");
        }
        if (text.indexOf('@') >= 0) {
            throw new UsageException("'" + text + "' names an image by digest; expected [namespace/]stream[:tag] here");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new StreamTagArg(StreamName.parse(text), DEFAULT_TAG, false);
        }
        return new StreamTagArg(
                StreamName.parse(text.substring(0, colon)), TagNames.require(text.substring(colon + 1)), true);
    }

    /**
     * Parses {@code [namespace/]stream:tag}, the tag required.
     *
     * @throws UsageException when the tag is missing
     */
    static StreamTagArg parseWithTag(String text) {
        StreamTagArg arg = parse(text);
        if (!arg.tagGiven()) {
            throw new UsageException("'" + text + "' names no tag; expected [namespace/]stream:tag");
        }
        return arg;
    }

    /** As the core names a stream tag. */
    TagSource.ImageStreamTag streamTag() {
        return new TagSource.ImageStreamTag(stream, tag);
    }

    @Override
    public String toString() {
        return stream + ":" + tag;
    }
}
