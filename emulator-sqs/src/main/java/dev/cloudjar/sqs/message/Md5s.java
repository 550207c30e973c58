package dev.cloudjar.sqs.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and the SDKs verify: of the body (its UTF-8 bytes), and of the
 * message attributes, which SQS computes over the attributes sorted by name, each as
 * length-prefixed name, length-prefixed data type, a transport byte (1 string, 2 binary) and
 * the length-prefixed value.
 */
public final class Md5s {
    private static final byte STRING = 1;
    private static final byte BINARY = 2;

    private Md5s() {
    }

    public static String ofBody(String body) {
        return hex(digest("MD5", body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The SHA-256 of the body, in hex: a FIFO queue's content-based deduplication id. */
    public static String sha256(String body) {
        return hex(digest("SHA-256", body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Null when there are no attributes, as SQS omits MD5OfMessageAttributes then. */
    public static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            lengthPrefixed(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, a.dataType().getBytes(StandardCharsets.UTF_8));
            if (a.binaryValue() != null) {
                out.write(BINARY);
                lengthPrefixed(out, a.binaryValue());
            } else {
                out.write(STRING);
                lengthPrefixed(out, a.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return hex(digest("MD5", out.toByteArray()));
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

}
