package dev.cloudjar.s3.checksum;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Copies a body to its blob while computing its MD5 (the ETag) and the checksums asked for, in
 * one pass over fixed-size buffers, so memory use does not depend on the body's size.
 */
public final class DigestingCopy {
    private static final int BUFFER = 64 * 1024;
    private static final int MIN_BUFFER = 512;

    private DigestingCopy() {
    }

    /**
     * @param md5       the MD5 digest of the bytes
     * @param checksums base64 checksum values by algorithm
     */
    public record Result(long length, byte[] md5, Map<ChecksumAlgorithm, String> checksums) {
    }

    /**
     * @param expectedLength the length the client declared, or -1: a small body gets a buffer to
     *                       its size (a 64 KiB buffer per 4 KiB PutObject was a sixth of what the
     *                       server allocated under load); a wrong one only changes how many reads
     */
    public static Result copy(InputStream in, OutputStream out, long expectedLength, Set<ChecksumAlgorithm> algorithms)
            throws IOException {
        MessageDigest md5 = md5();
        Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
        algorithms.forEach(a -> hashers.put(a, a.newHasher()));
        byte[] buffer = new byte[expectedLength < 0 ? BUFFER : (int) Math.min(BUFFER, Math.max(MIN_BUFFER, expectedLength))];
        long length = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n == 0) {
                continue;
            }
            md5.update(buffer, 0, n);
            for (ChecksumAlgorithm.Hasher hasher : hashers.values()) {
                hasher.update(buffer, 0, n);
            }
            out.write(buffer, 0, n);
            length += n;
        }
        Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
        hashers.forEach((a, h) -> values.put(a, Base64.getEncoder().encodeToString(h.finish())));
        return new Result(length, md5.digest(), values);
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
