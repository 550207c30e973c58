package dev.cloudjar.s3.object;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.protocol.HttpValues;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.checksum.DigestingCopy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes an object or part body to a new blob while computing its MD5 and checksums, reads it to
 * its end (where aws-chunked trailers arrive), verifies Content-MD5 and every checksum the client
 * sent, and only then commits the blob. On any failure the blob is aborted: nothing partial is
 * ever visible.
 */
public final class BodyWriter {
    private final BlobStore blobs;

    public BodyWriter(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * A committed blob and what was computed over it.
     *
     * @param checksums base64 values by model member name (ChecksumCRC32, ...)
     */
    public record StoredBody(String blobId, long size, byte[] md5, Map<String, String> checksums) {
        public String etag() {
            return "\"" + HexFormat.of().formatHex(md5) + "\"";
        }
    }

    /**
     * Stores a request body, verifying the Content-MD5 and x-amz-checksum-* values of the input
     * (headers or trailers).
     *
     * @param wanted algorithms to compute even if the client sent no value for them
     */
    public StoredBody write(Input input, RequestBody body, Set<ChecksumAlgorithm> wanted) {
        byte[] expectedMd5 = contentMd5(input.string("ContentMD5"));
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        algorithms.addAll(wanted);
        ChecksumAlgorithm declared = ChecksumAlgorithm.of(input.string("ChecksumAlgorithm"));
        if (declared != null) {
            algorithms.add(declared);
        }
        Set<ChecksumAlgorithm> sent = EnumSet.noneOf(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (input.has(a.member())) {
                if (!a.isWellFormed(input.string(a.member()))) {
                    throw S3Errors.invalidRequest("Value for " + a.header() + " header is invalid.");
                }
                sent.add(a);
            }
        }
        String trailer = input.string("Trailer");
        if (trailer != null) {
            for (String name : trailer.split(",")) {
                ChecksumAlgorithm a = ChecksumAlgorithm.ofHeader(name);
                if (a != null) {
                    sent.add(a);
                }
            }
        }
        if (sent.size() > 1) {
            throw S3Errors.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        algorithms.addAll(sent);
        if (algorithms.isEmpty()) {
            // S3 checksums every object it stores; CRC64NVME is its choice when the client names none.
            algorithms.add(ChecksumAlgorithm.CRC64NVME);
        }
        RequestBody source = body == null ? RequestBody.EMPTY : body;
        try (InputStream in = source.stream()) {
            return write(in, source.contentLength(), algorithms, result -> {
                verify(input, source.trailers(), result);
                if (expectedMd5 != null && !Arrays.equals(expectedMd5, result.md5())) {
                    throw S3Errors.badContentMd5(HexFormat.of().formatHex(expectedMd5),
                            Base64.getEncoder().encodeToString(result.md5()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a stream this server produced itself (a copy); nothing to verify. */
    public StoredBody write(InputStream in, long length, Set<ChecksumAlgorithm> algorithms) {
        return write(in, length, algorithms, result -> {
        });
    }

    private interface Verification {
        void check(DigestingCopy.Result result);
    }

    private StoredBody write(InputStream in, long declaredLength, Set<ChecksumAlgorithm> algorithms, Verification verification) {
        BlobStore.BlobWriter writer;
        try {
            writer = blobs.create(declaredLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (writer) {
            DigestingCopy.Result result = DigestingCopy.copy(in, writer.output(), declaredLength, algorithms);
            if (declaredLength >= 0 && result.length() != declaredLength) {
                throw S3Errors.incompleteBody();
            }
            verification.check(result);
            Map<String, String> checksums = new LinkedHashMap<>();
            result.checksums().forEach((a, v) -> checksums.put(a.member(), v));
            return new StoredBody(writer.commit(), result.length(), result.md5(), checksums);
        } catch (IOException e) {
            // The client went away or the body was cut short: the blob is aborted by close().
            throw S3Errors.incompleteBody();
        }
    }

    /** Each checksum the client sent, as a header or a trailer, must match the one computed. */
    private static void verify(Input input, Headers trailers, DigestingCopy.Result result) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String expected = input.has(a.member()) ? input.string(a.member()) : trailers.first(a.header());
            if (expected != null && !expected.trim().equals(result.checksums().get(a))) {
                throw S3Errors.badChecksum(a.name());
            }
        }
    }

    private static byte[] contentMd5(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = HttpValues.base64(header.trim());
            if (md5.length != 16) {
                throw S3Errors.invalidDigest(header);
            }
            return md5;
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidDigest(header);
        }
    }
}
