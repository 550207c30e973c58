package dev.cloudjar.s3.multipart;

import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.checksum.DigestingCopy;
import dev.cloudjar.s3.object.ObjectContent;
import dev.cloudjar.s3.store.PartRecord;
import dev.cloudjar.s3.store.UploadRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes what S3 reports for a multipart object: the ETag {@code "md5(part md5s)-N"} and its
 * checksum, either over the whole object (FULL_OBJECT) or over the parts' checksums with a "-N"
 * suffix (COMPOSITE). The object keeps its parts' blobs, so nothing is written here; only a
 * FULL_OBJECT checksum reads the parts through once.
 */
final class MultipartAssembly {
    private static final int READ_CHUNK = 1 << 16;

    private final ObjectContent content;

    MultipartAssembly(ObjectContent content) {
        this.content = content;
    }

    record Assembled(String etag, Map<String, String> checksums) {
    }

    Assembled assemble(UploadRecord upload, List<PartRecord> parts) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.of(upload.checksumAlgorithm());
        MessageDigest md5s = DigestingCopy.md5();
        parts.forEach(p -> md5s.update(p.md5()));
        String etag = "\"" + HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size() + "\"";
        Map<String, String> checksums = new LinkedHashMap<>();
        if (algorithm != null && "FULL_OBJECT".equals(upload.checksumType())) {
            checksums.put(algorithm.member(), wholeObjectChecksum(algorithm, parts));
        } else if (algorithm != null && parts.stream().allMatch(p -> p.checksums().containsKey(algorithm.member()))) {
            ChecksumAlgorithm.Hasher composite = algorithm.newHasher();
            for (PartRecord p : parts) {
                byte[] raw = Base64.getDecoder().decode(p.checksums().get(algorithm.member()));
                composite.update(raw, 0, raw.length);
            }
            checksums.put(algorithm.member(),
                    Base64.getEncoder().encodeToString(composite.finish()) + "-" + parts.size());
        }
        return new Assembled(etag, checksums);
    }

    private String wholeObjectChecksum(ChecksumAlgorithm algorithm, List<PartRecord> parts) {
        List<ObjectContent.Segment> segments = parts.stream()
                .map(p -> new ObjectContent.Segment(p.blobId(), p.size())).toList();
        long total = parts.stream().mapToLong(PartRecord::size).sum();
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        try (InputStream in = content.open(segments, 0, total)) {
            byte[] chunk = new byte[READ_CHUNK];
            int n;
            while ((n = in.read(chunk)) > 0) {
                hasher.update(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(hasher.finish());
    }
}
