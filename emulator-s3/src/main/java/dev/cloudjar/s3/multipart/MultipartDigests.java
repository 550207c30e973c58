package dev.cloudjar.s3.multipart;

import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.checksum.DigestingCopy;
import dev.cloudjar.s3.store.PartRecord;
import dev.cloudjar.s3.store.UploadRecord;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes what S3 reports for a multipart object from its part records alone: the ETag
 * {@code "md5(part md5s)-N"} and its checksum, either over the whole object (FULL_OBJECT) or over
 * the parts' checksums with a "-N" suffix (COMPOSITE). The object keeps its parts' blobs, so
 * completing an upload neither writes nor reads its bytes.
 */
record MultipartDigests(String etag, Map<String, String> checksums) {

    static MultipartDigests of(UploadRecord upload, List<PartRecord> parts) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.of(upload.checksumAlgorithm());
        MessageDigest md5s = DigestingCopy.md5();
        parts.forEach(p -> md5s.update(p.md5()));
        String etag = "\"" + HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size() + "\"";
        Map<String, String> checksums = new LinkedHashMap<>();
        // Every part of an upload with an algorithm is checksummed with it on upload; a part record
        // without one (state from an older version) leaves the object without a checksum rather than
        // failing the completion.
        boolean everyPart = algorithm != null
                && parts.stream().allMatch(p -> p.checksums().containsKey(algorithm.member()));
        if (everyPart && "FULL_OBJECT".equals(upload.checksumType())) {
            checksums.put(algorithm.member(), wholeObjectChecksum(algorithm, parts));
        } else if (everyPart) {
            ChecksumAlgorithm.Hasher composite = algorithm.newHasher();
            for (PartRecord p : parts) {
                byte[] raw = Base64.getDecoder().decode(p.checksums().get(algorithm.member()));
                composite.update(raw, 0, raw.length);
            }
            checksums.put(algorithm.member(),
                    Base64.getEncoder().encodeToString(composite.finish()) + "-" + parts.size());
        }
        return new MultipartDigests(etag, checksums);
    }

    /**
     * The CRC of the whole object, combined from the parts' CRCs: every part of an upload with an
     * algorithm was checksummed with it when uploaded, so no byte is read again.
     */
    private static String wholeObjectChecksum(ChecksumAlgorithm algorithm, List<PartRecord> parts) {
        byte[] combined = algorithm.newHasher().finish();
        for (PartRecord p : parts) {
            byte[] part = Base64.getDecoder().decode(p.checksums().get(algorithm.member()));
            combined = algorithm.combine(combined, part, p.size());
        }
        return Base64.getEncoder().encodeToString(combined);
    }
}
