package dev.cloudjar.s3.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Storage keys whose unsigned byte order is S3's listing order: a bucket's keys are its name, a
 * NUL, then the object key's UTF-8 bytes (S3 orders keys by their UTF-8 bytes, and no key holds
 * NUL, which XML cannot carry). Versions append a NUL and an inverted sequence number, so a key's
 * newest version comes first.
 */
public final class Keys {
    private Keys() {
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** bucket NUL: the start of every key of the bucket. */
    public static byte[] bucketBase(String bucket) {
        return concat(utf8(bucket), new byte[]{0});
    }

    public static byte[] object(String bucket, String key) {
        return concat(bucketBase(bucket), utf8(key));
    }

    /** bucket NUL key NUL: the start of every version of a key. */
    public static byte[] versionsOf(String bucket, String key) {
        return concat(object(bucket, key), new byte[]{0});
    }

    public static byte[] version(String bucket, String key, long sequence) {
        return concat(versionsOf(bucket, key), ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - sequence).array());
    }

    /** The object key of a versions-keyspace entry: between the bucket's base and the NUL + 8-byte suffix. */
    public static String keyOfVersion(byte[] versionKey, int baseLength) {
        return new String(versionKey, baseLength, versionKey.length - baseLength - 9, StandardCharsets.UTF_8);
    }

    public static String keyOfObject(byte[] objectKey, int baseLength) {
        return new String(objectKey, baseLength, objectKey.length - baseLength, StandardCharsets.UTF_8);
    }

    public static byte[] upload(String bucket, String key, String uploadId) {
        return concat(versionsOf(bucket, key), utf8(uploadId));
    }

    public static byte[] partsOf(String uploadId) {
        return concat(utf8(uploadId), new byte[]{0});
    }

    public static byte[] part(String uploadId, int partNumber) {
        return concat(partsOf(uploadId), ByteBuffer.allocate(4).putInt(partNumber).array());
    }

    /** The smallest key greater than every key that starts with {@code prefix}; null if there is none. */
    public static byte[] successor(byte[] prefix) {
        byte[] copy = Arrays.copyOf(prefix, prefix.length);
        for (int i = copy.length - 1; i >= 0; i--) {
            if (copy[i] != (byte) 0xFF) {
                copy[i]++;
                return Arrays.copyOf(copy, i + 1);
            }
        }
        return null;
    }

    /** The smallest key greater than {@code key} itself. */
    public static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
