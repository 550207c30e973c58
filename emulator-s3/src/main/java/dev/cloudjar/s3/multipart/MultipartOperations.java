package dev.cloudjar.s3.multipart;

import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.BucketOperations;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.listing.ListingOperations;
import dev.cloudjar.s3.listing.UploadListing;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.object.BodyWriter;
import dev.cloudjar.s3.object.ObjectAttributes;
import dev.cloudjar.s3.object.ObjectContent;
import dev.cloudjar.s3.object.ObjectOperations;
import dev.cloudjar.s3.object.ObjectReader;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Encryption;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.PartRecord;
import dev.cloudjar.s3.store.S3Store;
import dev.cloudjar.s3.store.UploadRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
 * AbortMultipartUpload, ListParts and ListMultipartUploads. Parts are blobs of their own; the
 * completed object keeps the blobs of the parts it lists (see {@link ObjectContent}), so completing
 * an upload of any size writes records, not bytes.
 */
public final class MultipartOperations {
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    private static final int MAX_PART_NUMBER = 10_000;
    private static final int MAX_LIST = 1000;
    private static final Pattern COPY_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final S3Store store;
    private final Buckets buckets;
    private final ObjectReader reader;
    private final ObjectOperations objects;
    private final BodyWriter writer;
    private final Notifications notifications;

    public MultipartOperations(S3Store store, Buckets buckets, ObjectReader reader, ObjectOperations objects,
                               Notifications notifications) {
        this.store = store;
        this.buckets = buckets;
        this.reader = reader;
        this.objects = objects;
        this.writer = new BodyWriter(store.blobs());
        this.notifications = notifications;
    }

    public Output createMultipartUpload(RequestContext context, Input input) {
        String key = input.string("Key");
        ObjectAttributes.checkKey(key);
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        String algorithmName = input.string("ChecksumAlgorithm");
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.of(algorithmName);
        if (algorithmName != null && algorithm == null) {
            throw S3Errors.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the"
                    + " valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        String type = checksumType(algorithm, input.string("ChecksumType"));
        UploadRecord upload = new UploadRecord(bucket.name(), key, UUID.randomUUID().toString().replace("-", "")
                + Long.toString(System.nanoTime(), 36), S3Store.now(),
                ObjectAttributes.contentHeaders(input), ObjectAttributes.expires(input), ObjectAttributes.metadata(input),
                ObjectAttributes.storageClass(input), ObjectAttributes.tagsHeader(input.string("Tagging")),
                algorithm == null ? null : algorithm.name(), type, ObjectAttributes.encryption(input, bucket),
                ObjectAttributes.grants(context, input, bucket));
        store.putUpload(context.accountId(), upload);
        return ObjectAttributes.describeEncryption(new Output(), upload.encryption())
                .put("Bucket", bucket.name()).put("Key", key).put("UploadId", upload.uploadId())
                .put("ChecksumAlgorithm", upload.checksumAlgorithm()).put("ChecksumType", type);
    }

    /** CRC64NVME checksums the whole object only; the other CRCs either way; the SHAs per part only. */
    private static String checksumType(ChecksumAlgorithm algorithm, String requested) {
        if (algorithm == null) {
            if (requested != null) {
                throw S3Errors.invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            }
            return null;
        }
        String type = requested != null ? requested : algorithm == ChecksumAlgorithm.CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
        boolean valid = type.equals("COMPOSITE") ? algorithm != ChecksumAlgorithm.CRC64NVME
                : type.equals("FULL_OBJECT") && algorithm.supportsFullObject();
        if (!valid) {
            throw S3Errors.invalidRequest("The " + type + " checksum type cannot be used with the " + algorithm.lowerName()
                    + " checksum algorithm.");
        }
        return type;
    }

    private UploadRecord requireUpload(RequestContext context, Input input) {
        buckets.require(context, input.string("Bucket"));
        String uploadId = input.string("UploadId");
        return store.upload(context.accountId(), input.string("Bucket"), input.string("Key"), uploadId)
                .orElseThrow(() -> S3Errors.noSuchUpload(uploadId));
    }

    private static int partNumber(Input input) {
        Integer n = input.integer("PartNumber");
        if (n == null || n < 1 || n > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", String.valueOf(n));
        }
        return n;
    }

    private static Set<ChecksumAlgorithm> uploadAlgorithms(UploadRecord upload) {
        ChecksumAlgorithm a = ChecksumAlgorithm.of(upload.checksumAlgorithm());
        return a == null ? Set.of() : Set.of(a);
    }

    public Output uploadPart(RequestContext context, Input input) {
        int number = partNumber(input);
        UploadRecord upload = requireUpload(context, input);
        RequestBody body = input.stream("Body");
        if (body != null && body.contentLength() > MAX_PART_SIZE) {
            throw S3Errors.entityTooLarge(body.contentLength(), MAX_PART_SIZE);
        }
        ChecksumAlgorithm expected = ChecksumAlgorithm.of(upload.checksumAlgorithm());
        ChecksumAlgorithm actual = sentAlgorithm(input);
        if (expected != null && actual != null && actual != expected) {
            throw S3Errors.invalidRequest("Checksum Type mismatch occurred, expected checksum Type: " + expected.lowerName()
                    + ", actual checksum Type: " + actual.lowerName());
        }
        BodyWriter.StoredBody stored = writer.write(input, body, uploadAlgorithms(upload));
        store.putPart(context.accountId(), upload, new PartRecord(number, stored.blobId(), stored.size(),
                stored.etag(), stored.md5(), S3Store.now(), stored.checksums()));
        Output out = ObjectAttributes.describeEncryption(new Output(), encryptionOf(upload)).put("ETag", stored.etag());
        stored.checksums().forEach(out::put);
        return out;
    }

    /** Uploads started before encryption was recorded were SSE-S3, as every object is. */
    private static Encryption encryptionOf(UploadRecord upload) {
        return upload.encryption() == null ? Encryption.SSE_S3 : upload.encryption();
    }

    /** The checksum algorithm a part's request carries, as a value or a declared algorithm, or null. */
    private static ChecksumAlgorithm sentAlgorithm(Input input) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (input.has(a.member())) {
                return a;
            }
        }
        return ChecksumAlgorithm.of(input.string("ChecksumAlgorithm"));
    }

    public Output uploadPartCopy(RequestContext context, Input input) {
        int number = partNumber(input);
        UploadRecord upload = requireUpload(context, input);
        ObjectReader.Found source = reader.findCopySource(context, input);
        ObjectVersion from = source.object();
        long offset = 0;
        long length = from.size();
        String range = input.string("CopySourceRange");
        if (range != null) {
            Matcher m = COPY_RANGE.matcher(range.trim());
            if (!m.matches() || Long.parseLong(m.group(2)) < Long.parseLong(m.group(1))) {
                throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last"
                        + " where first and last are the zero-based offsets of the first and last bytes to copy",
                        "x-amz-copy-source-range", range);
            }
            offset = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            // A range that starts past the end is a request error; one that only ends past it, an argument error.
            if (offset >= from.size()) {
                throw S3Errors.invalidRequest("The specified copy range is invalid for the source object size");
            }
            if (last >= from.size()) {
                throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + from.size(),
                        "x-amz-copy-source-range", range);
            }
            length = last - offset + 1;
        }
        BodyWriter.StoredBody stored = objects.copyBlob(from, offset, length, uploadAlgorithms(upload));
        long now = S3Store.now();
        store.putPart(context.accountId(), upload, new PartRecord(number, stored.blobId(), stored.size(),
                stored.etag(), stored.md5(), now, stored.checksums()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ETag", stored.etag());
        result.put("LastModified", Instant.ofEpochMilli(now));
        result.putAll(stored.checksums());
        return ObjectAttributes.describeEncryption(new Output(), encryptionOf(upload)).put("CopyPartResult", result)
                .put("CopySourceVersionId", Buckets.visibleVersionId(source.bucket(), from.versionId()));
    }

    public Output completeMultipartUpload(RequestContext context, Input input) {
        UploadRecord upload = requireUpload(context, input);
        String type = input.string("ChecksumType");
        if (type != null && !type.equals(upload.checksumType())) {
            throw S3Errors.invalidRequest("The upload was created using the " + upload.checksumType() + " checksum mode."
                    + " The complete request must use the same checksum mode.");
        }
        String account = context.accountId();
        // Under the lock every part write and abort takes: the parts this completion takes over stay as read.
        ObjectVersion version = store.locked(account, upload.bucket(), upload.key(), () -> {
            if (store.upload(account, upload.bucket(), upload.key(), upload.uploadId()).isEmpty()) {
                throw S3Errors.noSuchUpload(upload.uploadId());
            }
            List<PartRecord> parts = chosenParts(context, upload, input.structure("MultipartUpload"));
            objects.checkWriteConditions(context, upload.bucket(), upload.key(), input);
            MultipartDigests digests = MultipartDigests.of(upload, parts);
            checkWholeObjectChecksums(input, digests);
            BucketRecord bucket = buckets.require(context, upload.bucket());
            long sequence = store.nextSequence();
            ObjectVersion v = new ObjectVersion(upload.key(), buckets.newVersionId(bucket, sequence), sequence, false,
                    S3Store.now(), null, parts.stream().mapToLong(PartRecord::size).sum(), digests.etag(),
                    upload.contentHeaders(), upload.expires(), upload.metadata(), upload.storageClass(),
                    digests.checksums(), upload.checksumType(), parts.size(), upload.tags(),
                    parts.stream().map(PartRecord::size).toList(), encryptionOf(upload), upload.grants(),
                    parts.stream().map(PartRecord::blobId).toList());
            store.completeUpload(account, upload, v);
            return v;
        });
        BucketRecord bucket = buckets.require(context, upload.bucket());
        notifications.publish(context, bucket, "ObjectCreated:CompleteMultipartUpload", version);
        Output out = ObjectAttributes.describeEncryption(new Output(), encryptionOf(upload))
                .put("Location", context.endpoint() + "/" + upload.bucket() + "/" + upload.key())
                .put("Bucket", upload.bucket()).put("Key", upload.key()).put("ETag", version.etag())
                .put("ChecksumType", version.checksums().isEmpty() ? null : version.checksumType())
                .put("VersionId", Buckets.visibleVersionId(bucket, version.versionId()));
        version.checksums().forEach(out::put);
        return out;
    }

    /** The parts the request lists, checked as S3 checks them: ascending, uploaded, same ETag, big enough. */
    private List<PartRecord> chosenParts(RequestContext context, UploadRecord upload, Input multipartUpload) {
        if (multipartUpload == null) {
            throw S3Errors.invalidRequest("You must specify at least one part");
        }
        List<Object> requested = multipartUpload.list("Parts");
        if (requested == null || requested.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        Map<Integer, PartRecord> uploaded = new LinkedHashMap<>();
        for (PartRecord p : store.parts(context.accountId(), upload.uploadId(), 0, Integer.MAX_VALUE)) {
            uploaded.put(p.partNumber(), p);
        }
        List<PartRecord> chosen = new ArrayList<>();
        int previous = 0;
        for (Object item : requested) {
            @SuppressWarnings("unchecked")
            Input part = new Input((Map<String, Object>) item);
            Integer number = part.integer("PartNumber");
            String etag = part.string("ETag");
            if (number == null || etag == null) {
                throw S3Errors.malformedXml();
            }
            if (number <= previous) {
                throw S3Errors.invalidPartOrder(upload.uploadId());
            }
            previous = number;
            PartRecord stored = uploaded.get(number);
            if (stored == null || !unquote(etag).equals(unquote(stored.etag()))) {
                throw S3Errors.invalidPart(upload.uploadId(), number, unquote(etag));
            }
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                String sent = part.string(a.member());
                if (sent != null && !sent.equals(stored.checksums().get(a.member()))) {
                    throw S3Errors.badPartChecksum(a.lowerName(), number);
                }
            }
            chosen.add(stored);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < MIN_PART_SIZE) {
                PartRecord small = chosen.get(i);
                throw S3Errors.entityTooSmall(small.size(), small.partNumber(), unquote(small.etag()));
            }
        }
        return chosen;
    }

    /** A whole-object checksum sent with CompleteMultipartUpload must match (a composite one without its "-N"). */
    private static void checkWholeObjectChecksums(Input input, MultipartDigests digests) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String sent = input.string(a.member());
            String computed = digests.checksums().get(a.member());
            if (sent != null && computed != null && !stripPartCount(sent).equals(stripPartCount(computed))) {
                throw S3Errors.badChecksum(a.lowerName());
            }
        }
    }

    private static String stripPartCount(String checksum) {
        int dash = checksum.lastIndexOf('-');
        return dash > 0 ? checksum.substring(0, dash) : checksum;
    }

    private static String unquote(String etag) {
        String e = etag.trim();
        return e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2 ? e.substring(1, e.length() - 1) : e;
    }

    public Output abortMultipartUpload(RequestContext context, Input input) {
        UploadRecord upload = requireUpload(context, input);
        store.abortUpload(context.accountId(), upload);
        return Output.empty();
    }

    public Output listParts(RequestContext context, Input input) {
        UploadRecord upload = requireUpload(context, input);
        int max = input.integer("MaxParts") == null ? MAX_LIST : Math.max(0, Math.min(MAX_LIST, input.integer("MaxParts")));
        int marker = parseMarker(input.string("PartNumberMarker"));
        List<PartRecord> page = store.parts(context.accountId(), upload.uploadId(), marker, max + 1);
        boolean truncated = page.size() > max;
        List<PartRecord> shown = truncated ? page.subList(0, max) : page;
        List<Object> parts = new ArrayList<>();
        for (PartRecord p : shown) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("PartNumber", p.partNumber());
            item.put("LastModified", Instant.ofEpochMilli(p.lastModified()));
            item.put("ETag", p.etag());
            item.put("Size", p.size());
            item.putAll(p.checksums());
            parts.add(item);
        }
        return new Output().put("Bucket", upload.bucket()).put("Key", upload.key()).put("UploadId", upload.uploadId())
                .put("PartNumberMarker", String.valueOf(marker))
                // S3 answers 0 when the page holds no part.
                .put("NextPartNumberMarker", shown.isEmpty() ? "0" : String.valueOf(shown.get(shown.size() - 1).partNumber()))
                .put("MaxParts", max).put("IsTruncated", truncated).put("Parts", parts.isEmpty() ? null : parts)
                .put("Initiator", BucketOperations.owner(context)).put("Owner", BucketOperations.owner(context))
                .put("StorageClass", upload.storageClass()).put("ChecksumAlgorithm", upload.checksumAlgorithm())
                .put("ChecksumType", upload.checksumType());
    }

    private static int parseMarker(String marker) {
        try {
            return marker == null ? 0 : Integer.parseInt(marker);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided part-number-marker not an integer or within integer range",
                    "part-number-marker", marker);
        }
    }

    /** Uploads in key order, then by initiation; prefix and max-uploads with key/upload-id markers. */
    public Output listMultipartUploads(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        UnaryOperator<String> encode = ListingOperations.encoding(input);
        int max = input.integer("MaxUploads") == null ? MAX_LIST : Math.max(0, Math.min(MAX_LIST, input.integer("MaxUploads")));
        String prefix = input.string("Prefix");
        String delimiter = input.string("Delimiter");
        String keyMarker = input.string("KeyMarker");
        String uploadIdMarker = input.string("UploadIdMarker");
        List<UploadRecord> all = store.uploadsIn(context.accountId(), bucket.name());
        // An upload-id-marker counts only with a key-marker, and must then be an upload of that key.
        if (keyMarker != null && !keyMarker.isEmpty() && uploadIdMarker != null && all.stream()
                .noneMatch(u -> u.key().equals(keyMarker) && u.uploadId().equals(uploadIdMarker))) {
            throw S3Errors.invalidArgument("Invalid uploadId marker", "upload-id-marker", uploadIdMarker);
        }
        UploadListing page = UploadListing.of(all, prefix, delimiter, keyMarker, uploadIdMarker, max);
        List<Object> uploads = new ArrayList<>();
        for (UploadRecord u : page.uploads()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("UploadId", u.uploadId());
            item.put("Key", encode.apply(u.key()));
            item.put("Initiated", Instant.ofEpochMilli(u.initiated()));
            item.put("StorageClass", u.storageClass());
            item.put("Owner", BucketOperations.owner(context));
            item.put("Initiator", BucketOperations.owner(context));
            item.put("ChecksumAlgorithm", u.checksumAlgorithm());
            item.put("ChecksumType", u.checksumType());
            uploads.add(item);
        }
        List<Object> prefixes = page.prefixes().stream().<Object>map(p -> Map.of("Prefix", encode.apply(p))).toList();
        return new Output().put("Bucket", bucket.name())
                .put("KeyMarker", keyMarker == null ? "" : encode.apply(keyMarker))
                .put("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker)
                .put("NextKeyMarker", page.nextKeyMarker() == null ? null : encode.apply(page.nextKeyMarker()))
                .put("NextUploadIdMarker", page.nextUploadIdMarker())
                .put("Prefix", prefix == null ? null : encode.apply(prefix))
                .put("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .put("MaxUploads", max).put("IsTruncated", page.truncated())
                .put("Uploads", uploads.isEmpty() ? null : uploads)
                .put("CommonPrefixes", prefixes.isEmpty() ? null : prefixes)
                .put("EncodingType", input.string("EncodingType"));
    }
}
