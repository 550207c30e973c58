package dev.cloudjar.s3.multipart;

import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.checksum.DigestingCopy;
import dev.cloudjar.s3.object.BodyWriter;
import dev.cloudjar.s3.store.PartRecord;
import dev.cloudjar.s3.store.S3Store;
import dev.cloudjar.s3.store.UploadRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins an upload's parts into the object's blob, streaming part after part, and computes what S3
 * reports for a multipart object: the ETag {@code "md5(part md5s)-N"} and its checksum, either over
 * the whole object (FULL_OBJECT) or over the parts' checksums with a "-N" suffix (COMPOSITE).
 */
final class MultipartAssembly {
    private final S3Store store;
    private final BodyWriter writer;

    MultipartAssembly(S3Store store, BodyWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    record Assembled(BodyWriter.StoredBody stored, String etag, Map<String, String> checksums) {
    }

    Assembled assemble(UploadRecord upload, List<PartRecord> parts) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.of(upload.checksumAlgorithm());
        boolean fullObject = algorithm != null && "FULL_OBJECT".equals(upload.checksumType());
        long total = parts.stream().mapToLong(PartRecord::size).sum();
        BodyWriter.StoredBody stored;
        try (InputStream joined = new SequenceInputStream(new PartStreams(parts.iterator()))) {
            stored = writer.write(joined, total, fullObject ? Set.of(algorithm) : Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MessageDigest md5s = DigestingCopy.md5();
        parts.forEach(p -> md5s.update(p.md5()));
        String etag = "\"" + HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size() + "\"";
        Map<String, String> checksums = new LinkedHashMap<>();
        if (fullObject) {
            checksums.putAll(stored.checksums());
        } else if (algorithm != null && parts.stream().allMatch(p -> p.checksums().containsKey(algorithm.member()))) {
            ChecksumAlgorithm.Hasher composite = algorithm.newHasher();
            for (PartRecord p : parts) {
                byte[] raw = Base64.getDecoder().decode(p.checksums().get(algorithm.member()));
                composite.update(raw, 0, raw.length);
            }
            checksums.put(algorithm.member(),
                    Base64.getEncoder().encodeToString(composite.finish()) + "-" + parts.size());
        }
        return new Assembled(stored, etag, checksums);
    }

    /** Opens each part's blob only when the previous one is used up, so few files are open at once. */
    private final class PartStreams implements Enumeration<InputStream> {
        private final Iterator<PartRecord> parts;

        PartStreams(Iterator<PartRecord> parts) {
            this.parts = parts;
        }

        @Override
        public boolean hasMoreElements() {
            return parts.hasNext();
        }

        @Override
        public InputStream nextElement() {
            PartRecord part = parts.next();
            try {
                return store.blobs().open(part.blobId(), 0, part.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
