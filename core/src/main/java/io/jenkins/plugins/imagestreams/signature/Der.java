package io.jenkins.plugins.imagestreams.signature;

import java.util.Arrays;

/**
 * Reads the elements of DER one after another: enough to find the public key that a PKCS#8 EC private key carries.
 * Single-byte tags and definite lengths only; anything else is malformed.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int SEQUENCE = 0x30;

    /** One element: its tag byte and its content. */
    record Element(int tag, byte[] content) {
        /** The elements inside this one. */
        Der children() {
            return new Der(content);
        }
    }

    private final byte[] in;
    private int pos;

    Der(byte[] in) {
        this.in = in;
    }

    boolean hasNext() {
        return pos < in.length;
    }

    /**
     * The next element, which must have tag {@code expected}.
     *
     * @throws KeyException when it is missing, truncated or has another tag
     */
    Element next(int expected) {
        Element element = next();
        if (element.tag() != expected) {
            throw malformed("expected tag 0x" + Integer.toHexString(expected) + ", found 0x"
                    + Integer.toHexString(element.tag()));
        }
        return element;
    }

    /**
     * The next element, whatever its tag.
     *
     * @throws KeyException when it is missing or truncated
     */
    Element next() {
        if (in.length - pos < 2) {
            throw malformed("it ends early");
        }
        int tag = in[pos++] & 0xff;
        int length = in[pos++] & 0xff;
        if (length >= 0x80) {
            int octets = length - 0x80;
            if (octets == 0 || octets > 3 || in.length - pos < octets) {
                throw malformed("a length is not in DER form");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (in[pos++] & 0xff);
            }
        }
        if (length > in.length - pos) {
            throw malformed("an element is longer than what holds it");
        }
        Element element = new Element(tag, Arrays.copyOfRange(in, pos, pos + length));
        pos += length;
        return element;
    }

    private static KeyException malformed(String why) {
        return new KeyException("the private key's DER is malformed: " + why);
    }
}
