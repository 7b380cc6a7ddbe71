package io.jenkins.plugins.imagestreams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.Test;

public class Sha256Test {
    /** The examples of FIPS 180-4 as NIST publishes them (csrc.nist.gov, "Examples with Intermediate Values"). */
    @Test
    public void hashesTheStandardsExamples() {
        assertThat(hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        assertThat(hex("a".repeat(1_000_000)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    /** Every length across the padding's edges (55, 56, 64 bytes and their multiples), fed in pieces of any size. */
    @Test
    public void agreesWithTheJdkAtEveryLengthAndSplit() throws NoSuchAlgorithmException {
        Random random = new Random(180_4);
        Sha256 ours = new Sha256();
        for (int length = 0; length <= 1100; length++) {
            byte[] content = new byte[length];
            random.nextBytes(content);
            int offset = 0;
            while (offset < length) {
                int piece = Math.min(length - offset, random.nextInt(150));
                if (piece == 1) {
                    ours.update(content[offset]);
                } else {
                    ours.update(content, offset, piece);
                }
                offset += piece;
            }
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(content);
            assertThat(ours.digest()).as("%d bytes", length).isEqualTo(expected);
        }
    }

    @Test
    public void startsAfreshAfterEachDigestAndReset() {
        Sha256 ours = new Sha256();
        ours.update("something else".getBytes(StandardCharsets.UTF_8));
        ours.reset();
        byte[] first = ours.digest("abc".getBytes(StandardCharsets.UTF_8));
        byte[] second = ours.digest("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(second).isEqualTo(first);
        assertThat(ours.getDigestLength()).isEqualTo(32);
        assertThat(ours.getAlgorithm()).isEqualTo("SHA-256");
    }

    /** Content just within and just over the limit reaches this class and the JDK's provider, with one answer. */
    @Test
    public void digestsOnBothSidesOfTheSmallContentLimitAgree() throws NoSuchAlgorithmException {
        Random random = new Random(4);
        for (long size : new long[] {Digest.SMALL_CONTENT, Digest.SMALL_CONTENT + 1}) {
            byte[] content = new byte[(int) size];
            random.nextBytes(content);
            String expected = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            assertThat(Digest.sha256(content).hex()).isEqualTo(expected);
            assertThat(Digest.parse("sha256:" + expected).matches(content)).isTrue();
            byte[] altered = Arrays.copyOf(content, content.length);
            altered[altered.length / 2] ^= 1;
            assertThat(Digest.parse("sha256:" + expected).matches(altered)).isFalse();
        }
        assertThat(Digest.parse("sha256:" + "a".repeat(64)).newMessageDigest(Digest.SMALL_CONTENT))
                .isInstanceOf(Sha256.class);
        assertThat(Digest.parse("sha256:" + "a".repeat(64)).newMessageDigest(-1))
                .isNotInstanceOf(Sha256.class);
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(new Sha256().digest(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
