package io.jenkins.plugins.imagestreams.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class ImageReferenceTest {
    private static final String HEX = "0c0361b1e9aca68d63409a44f643f0ccf67ddebde9299a163052a2b896ba299f";
    private static final String DIGEST = "sha256:" + HEX;

    /** input, registry, repository, tag (or null), digest (or null), canonical form. */
    private static final String[][] VALID = {
        {"nginx", "docker.io", "library/nginx", "latest", null, "docker.io/library/nginx:latest"},
        {"nginx:1.25", "docker.io", "library/nginx", "1.25", null, "docker.io/library/nginx:1.25"},
        {"acme/api", "docker.io", "acme/api", "latest", null, "docker.io/acme/api:latest"},
        {"docker.io/nginx", "docker.io", "library/nginx", "latest", null, "docker.io/library/nginx:latest"},
        {"index.docker.io/nginx", "docker.io", "library/nginx", "latest", null, "docker.io/library/nginx:latest"},
        {"localhost:5000/app", "localhost:5000", "app", "latest", null, "localhost:5000/app:latest"},
        {"localhost/app:v1", "localhost", "app", "v1", null, "localhost/app:v1"},
        {"[::1]:5000/app", "[::1]:5000", "app", "latest", null, "[::1]:5000/app:latest"},
        {"[::1]/app", "[::1]", "app", "latest", null, "[::1]/app:latest"},
        {"127.0.0.1:5000/demo/app:1", "127.0.0.1:5000", "demo/app", "1", null, "127.0.0.1:5000/demo/app:1"},
        {"quay.io/acme/api:1.2@" + DIGEST, "quay.io", "acme/api", "1.2", DIGEST, "quay.io/acme/api:1.2@" + DIGEST},
        {"quay.io/acme/api@" + DIGEST, "quay.io", "acme/api", null, DIGEST, "quay.io/acme/api@" + DIGEST},
        {"repo:tag@" + DIGEST, "docker.io", "library/repo", "tag", DIGEST, "docker.io/library/repo:tag@" + DIGEST},
        {
            "Registry.Example/a.b_c__d-e--f/g",
            "Registry.Example",
            "a.b_c__d-e--f/g",
            "latest",
            null,
            "Registry.Example/a.b_c__d-e--f/g:latest"
        },
        {"host:1/a:_Tag.1-x", "host:1", "a", "_Tag.1-x", null, "host:1/a:_Tag.1-x"},
    };

    private static final String[] INVALID = {
        "",
        "   ",
        "Nginx",
        "acme/API",
        "quay.io/Acme/api",
        "nginx:",
        "nginx:.bad",
        "nginx:-bad",
        "nginx:bad/tag",
        "nginx:" + "t".repeat(129),
        "nginx@sha256:abc",
        "nginx@sha256:" + HEX.toUpperCase(),
        "nginx@md5:" + HEX,
        "nginx@" + HEX,
        "quay.io/",
        "quay.io//api",
        "quay.io/api/",
        "a..b",
        "-host.io/app",
        "host.io:99999/app",
        "host.io:port/app",
        "[::1/app",
        "[zz]:5000/app",
        "a__-b",
        "reg.io/" + "a".repeat(250),
    };

    @Test
    public void validReferencesParseByTheDistributionGrammar() {
        for (String[] row : VALID) {
            ImageReference ref = ImageReference.parse(row[0]);
            assertThat(ref.registry()).as(row[0]).isEqualTo(row[1]);
            assertThat(ref.repository()).as(row[0]).isEqualTo(row[2]);
            assertThat(ref.tag().orElse(null)).as(row[0]).isEqualTo(row[3]);
            assertThat(ref.digest().map(Digest::toString).orElse(null))
                    .as(row[0])
                    .isEqualTo(row[4]);
            assertThat(ref.toString()).as(row[0]).isEqualTo(row[5]);
            assertThat(ImageReference.parse(ref.toString()))
                    .as("round trip of " + row[0])
                    .isEqualTo(ref);
        }
    }

    @Test
    public void invalidReferencesAreRejectedWithTheOffendingText() {
        for (String text : INVALID) {
            assertThatThrownBy(() -> ImageReference.parse(text))
                    .as("'%s'", text)
                    .isInstanceOf(InvalidReferenceException.class)
                    .hasMessageContaining("image reference")
                    .satisfiesAnyOf(e -> assertThat(text).isBlank(), e -> assertThat(e.getMessage())
                            .contains(Digest.abbreviate(text)));
        }
    }

    @Test
    public void dockerHubIsServedFromItsApiHost() {
        ImageReference hub = ImageReference.parse("nginx");
        assertThat(hub.apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("localhost:5000/a").apiHost()).isEqualTo("localhost:5000");
        assertThat(ImageReference.parse("[::1]:5000/a").host()).isEqualTo("::1");
    }

    @Test
    public void loopbackMeansLocalhostOrLoopbackLiteralsOnly() {
        assertThat(ImageReference.parse("localhost:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("127.0.0.1:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("127.200.0.9/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("[::1]:5000/a").isLoopback()).isTrue();
        assertThat(ImageReference.parse("127.evil.example/a").isLoopback()).isFalse();
        assertThat(ImageReference.parse("quay.io/a").isLoopback()).isFalse();
    }

    @Test
    public void ofTakesTheRegistryAsARegistryEvenWithoutDotOrPort() {
        assertThat(ImageReference.of("myhost", "app", "1").toString()).isEqualTo("myhost/app:1");
        assertThat(ImageReference.of("localhost:5000", "demo/app", "v1").toString())
                .isEqualTo("localhost:5000/demo/app:v1");
        assertThat(ImageReference.of("docker.io", "nginx", "1").repository()).isEqualTo("library/nginx");
        assertThatThrownBy(() -> ImageReference.of("bad host", "app", "1"))
                .isInstanceOf(InvalidReferenceException.class);
        assertThatThrownBy(() -> ImageReference.of("myhost", "App", "1")).isInstanceOf(InvalidReferenceException.class);
    }

    @Test
    public void copiesChangeOnlyWhatTheyName() {
        ImageReference ref = ImageReference.parse("quay.io/acme/api:1.2@" + DIGEST);
        assertThat(ref.identifier()).isEqualTo(DIGEST);
        assertThat(ref.withTag("2.0").toString()).isEqualTo("quay.io/acme/api:2.0");
        assertThat(ref.withDigest(Digest.parse(DIGEST)).toString()).isEqualTo("quay.io/acme/api@" + DIGEST);
        assertThat(ref.inRepository("acme/prod").toString()).isEqualTo("quay.io/acme/prod:1.2@" + DIGEST);
        assertThatThrownBy(() -> ref.inRepository("Acme")).isInstanceOf(InvalidReferenceException.class);
    }

    @Test
    public void anotherTagKeepsTheRegistryAndChecksTheTag() {
        // a registry without dot or port is a registry only because of() said so; the new tag must not lose that
        ImageReference plainHost = ImageReference.of("myhost", "app", "1").withTag("2");
        assertThat(plainHost.registry()).isEqualTo("myhost");
        assertThat(plainHost.toString()).isEqualTo("myhost/app:2");
        assertThat(ImageReference.parse("nginx").withTag("1.27").toString()).isEqualTo("docker.io/library/nginx:1.27");
        assertThatThrownBy(() -> ImageReference.parse("quay.io/acme/api").withTag("-bad"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("invalid image reference 'quay.io/acme/api:-bad': tag '-bad' must be 1 to 128 of letters,"
                        + " digits, '_', '.', '-' and not start with '.' or '-'");
        assertThatThrownBy(() -> ImageReference.parse("quay.io/acme/api").withTag("a/b"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("tag 'a/b'");
    }

    @Test
    public void veryLongRepositoryIsRejectedAsTooLongNotByAStackOverflow() {
        String manyComponents = "a" + ".a".repeat(50_000);
        assertThatThrownBy(() -> ImageReference.parse(manyComponents))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> ImageReference.parse("localhost:5000/" + "a-".repeat(50_000) + "a:1"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("longer than 255");
        ImageReference ref = ImageReference.parse("localhost/a");
        assertThatThrownBy(() -> ref.inRepository("a_".repeat(50_000) + "a"))
                .isInstanceOf(InvalidReferenceException.class);
    }
}
