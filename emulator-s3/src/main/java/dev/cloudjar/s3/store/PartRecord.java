package dev.cloudjar.s3.store;

import java.util.Map;

/** An uploaded part: its blob, ETag (quoted MD5) and checksums by model member name. */
public record PartRecord(int partNumber, String blobId, long size, String etag, byte[] md5, long lastModified,
                         Map<String, String> checksums) {
}
