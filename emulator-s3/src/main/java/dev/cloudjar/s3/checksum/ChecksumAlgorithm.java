package dev.cloudjar.s3.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksums S3 accepts ({@code x-amz-checksum-<name>}), each as the big-endian bytes
 * S3 base64-encodes: four for the CRC32s, eight for CRC64NVME, the digest for the SHAs.
 */
public enum ChecksumAlgorithm {
    CRC32("ChecksumCRC32", 4), CRC32C("ChecksumCRC32C", 4), CRC64NVME("ChecksumCRC64NVME", 8),
    SHA1("ChecksumSHA1", 20), SHA256("ChecksumSHA256", 32);

    private final String member;
    private final int bytes;

    ChecksumAlgorithm(String member, int bytes) {
        this.member = member;
        this.bytes = bytes;
    }

    /** Whether a value could be this checksum: base64 of exactly its number of bytes. */
    public boolean isWellFormed(String value) {
        try {
            return Base64.getDecoder().decode(value.trim()).length == bytes;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The name in lower case, as S3 spells it in most messages (crc32, sha256). */
    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model member that carries this checksum (ChecksumCRC32, ...). */
    public String member() {
        return member;
    }

    /** The header or trailer name, x-amz-checksum-crc32 and so on. */
    public String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** Whether a multipart object's checksum of this kind can cover the whole object (CRCs) or only its parts (SHAs). */
    public boolean supportsFullObject() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    /** The algorithm a header value names (case-insensitive), or null. */
    public static ChecksumAlgorithm of(String name) {
        if (name == null) {
            return null;
        }
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        return null;
    }

    /** The algorithm of a header or trailer name such as x-amz-checksum-crc32, or null. */
    public static ChecksumAlgorithm ofHeader(String header) {
        String lower = header.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("x-amz-checksum-") ? of(lower.substring("x-amz-checksum-".length())) : null;
    }

    public Hasher newHasher() {
        return switch (this) {
            case CRC32 -> new CrcHasher(new CRC32(), 4);
            case CRC32C -> new CrcHasher(new CRC32C(), 4);
            case CRC64NVME -> new CrcHasher(new Crc64Nvme(), 8);
            case SHA1 -> new DigestHasher(digest("SHA-1"));
            case SHA256 -> new DigestHasher(digest("SHA-256"));
        };
    }

    /**
     * The checksum of two byte runs in a row from the checksums of each (this algorithm's bytes)
     * and the second's length; for the CRCs only, those that {@link #supportsFullObject()}.
     */
    public byte[] combine(byte[] first, byte[] second, long secondLength) {
        CrcCombiner combiner = switch (this) {
            case CRC32 -> Combiners.CRC32;
            case CRC32C -> Combiners.CRC32C;
            case CRC64NVME -> Combiners.CRC64NVME;
            case SHA1, SHA256 -> throw new UnsupportedOperationException(name() + " checksums do not combine");
        };
        long combined = combiner.combine(value(first), value(second), secondLength);
        byte[] eight = ByteBuffer.allocate(8).putLong(combined).array();
        byte[] out = new byte[bytes];
        System.arraycopy(eight, 8 - bytes, out, 0, bytes);
        return out;
    }

    private static long value(byte[] bigEndian) {
        long value = 0;
        for (byte b : bigEndian) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }

    /** Built on first use: each squares its way to 67 powers of x. */
    private static final class Combiners {
        static final CrcCombiner CRC32 = new CrcCombiner(0xEDB88320L, 32);
        static final CrcCombiner CRC32C = new CrcCombiner(0x82F63B78L, 32);
        static final CrcCombiner CRC64NVME = new CrcCombiner(0x9A6C9329AC4BC9B5L, 64);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A running checksum. */
    public interface Hasher {
        void update(byte[] bytes, int offset, int length);

        /** The checksum's bytes; the hasher is spent afterwards. */
        byte[] finish();
    }

    private record CrcHasher(Checksum checksum, int width) implements Hasher {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            byte[] eight = ByteBuffer.allocate(8).putLong(checksum.getValue()).array();
            byte[] out = new byte[width];
            System.arraycopy(eight, 8 - width, out, 0, width);
            return out;
        }
    }

    private record DigestHasher(MessageDigest digest) implements Hasher {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }
}
