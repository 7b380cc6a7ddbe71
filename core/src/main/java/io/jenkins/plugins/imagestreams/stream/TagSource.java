package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a spec tag takes its image from: OpenShift's {@code spec.tags[].from} with its three kinds.
 *
 * <p>{@link #kind()}, {@link #name()} and {@link #namespace()} give the OpenShift object reference
 * ({@code {kind, name, namespace}}); {@link #of(String, String, String)} reads it back.
 */
public sealed interface TagSource {
    /** {@code DockerImage}, {@code ImageStreamTag} or {@code ImageStreamImage}. */
    String kind();

    /** OpenShift's {@code from.name}: the pull spec, {@code stream:tag} or {@code stream@id}. */
    String name();

    /** OpenShift's {@code from.namespace}; empty for {@code DockerImage}. */
    String namespace();

    /**
     * Reads an OpenShift object reference back.
     *
     * @param namespace the namespace of the source stream; {@code null} or empty means {@code defaultNamespace}
     * @throws InvalidStreamException for an unknown kind or a name that does not fit it
     * @throws io.jenkins.plugins.imagestreams.reference.InvalidReferenceException for a bad DockerImage name
     */
    static TagSource of(String kind, String name, String namespace) {
        String prefix = namespace == null || namespace.isEmpty() ? "" : namespace + "/";
        return switch (Objects.requireNonNull(kind, "kind")) {
            case "DockerImage" -> new DockerImage(ImageReference.parse(name));
            case "ImageStreamTag" -> ImageStreamTag.parse(prefix + name, StreamName.DEFAULT_NAMESPACE);
            case "ImageStreamImage" -> ImageStreamImage.parse(prefix + name, StreamName.DEFAULT_NAMESPACE);
            default ->
                throw new InvalidStreamException("tag source kind " + InvalidStreamException.quote(kind)
                        + " is unknown; expected DockerImage, ImageStreamTag or ImageStreamImage");
        };
    }

    /** An image in a registry, imported by the importer (or only referenced, see {@link TagSpec#reference()}). */
    record DockerImage(ImageReference reference) implements TagSource {
        public DockerImage {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public String kind() {
            return "DockerImage";
        }

        @Override
        public String name() {
            return reference.toString();
        }

        @Override
        public String namespace() {
            return "";
        }
    }

    /** Another stream's tag, {@code [namespace/]stream:tag}: copied once, or followed when the spec tag is an alias. */
    record ImageStreamTag(StreamName stream, String tag) implements TagSource {
        public ImageStreamTag {
            Objects.requireNonNull(stream, "stream");
            TagNames.require(tag);
        }

        /**
         * Parses {@code [namespace/]stream:tag}.
         *
         * @throws InvalidStreamException naming the input and the expected form
         */
        public static ImageStreamTag parse(String text, String defaultNamespace) {
            int colon = text == null ? -1 : text.lastIndexOf(':');
            if (colon < 0 || text.indexOf('@') >= 0) {
                throw new InvalidStreamException("image stream tag " + InvalidStreamException.quote(text)
                        + " is not of the form [namespace/]stream:tag");
            }
            return new ImageStreamTag(
                    StreamName.parse(text.substring(0, colon), defaultNamespace), text.substring(colon + 1));
        }

        @Override
        public String kind() {
            return "ImageStreamTag";
        }

        @Override
        public String name() {
            return stream.name() + ":" + tag;
        }

        @Override
        public String namespace() {
            return stream.namespace();
        }

        @Override
        public String toString() {
            return stream + ":" + tag;
        }
    }

    /**
     * An image in another stream's history, {@code [namespace/]stream@sha256:…}; the id may be a unique prefix of the
     * digest (with or without {@code sha256:}), resolved against all history entries of that stream.
     */
    record ImageStreamImage(StreamName stream, String image) implements TagSource {
        private static final Pattern ID = Pattern.compile("(sha256:|sha512:)?[0-9a-f]{1,128}");

        public ImageStreamImage {
            Objects.requireNonNull(stream, "stream");
            if (image == null || !ID.matcher(image).matches()) {
                throw new InvalidStreamException("image id " + InvalidStreamException.quote(image)
                        + " is not a digest or digest prefix; expected sha256:<lowercase hex> or a hex prefix");
            }
        }

        /**
         * Parses {@code [namespace/]stream@id}.
         *
         * @throws InvalidStreamException naming the input and the expected form
         */
        public static ImageStreamImage parse(String text, String defaultNamespace) {
            int at = text == null ? -1 : text.indexOf('@');
            if (at < 0) {
                throw new InvalidStreamException("image stream image " + InvalidStreamException.quote(text)
                        + " is not of the form [namespace/]stream@sha256:<digest or unique prefix>");
            }
            return new ImageStreamImage(
                    StreamName.parse(text.substring(0, at), defaultNamespace), text.substring(at + 1));
        }

        /** Whether {@code digest} is the image this id names (a full match or a prefix of it or its hex). */
        public boolean matches(io.jenkins.plugins.imagestreams.reference.Digest digest) {
            return digest.toString().startsWith(image) || digest.hex().startsWith(image);
        }

        @Override
        public String kind() {
            return "ImageStreamImage";
        }

        @Override
        public String name() {
            return stream.name() + "@" + image;
        }

        @Override
        public String namespace() {
            return stream.namespace();
        }

        @Override
        public String toString() {
            return stream + "@" + image;
        }
    }
}
