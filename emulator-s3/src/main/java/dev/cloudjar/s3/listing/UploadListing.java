package dev.cloudjar.s3.listing;

import dev.cloudjar.s3.store.Keys;
import dev.cloudjar.s3.store.UploadRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One page of ListMultipartUploads: uploads in key order (a key's uploads by initiation time),
 * after key-marker (and, for the marker's own key, after upload-id-marker), under a prefix, with
 * keys that contain the delimiter after the prefix rolled up into common prefixes that count
 * once towards max-uploads.
 *
 * @param nextKeyMarker      the last key or common prefix listed, when truncated
 * @param nextUploadIdMarker the last upload listed, when truncated and the last item is an upload
 */
public record UploadListing(List<UploadRecord> uploads, List<String> prefixes, boolean truncated,
                            String nextKeyMarker, String nextUploadIdMarker) {

    private static final Comparator<UploadRecord> ORDER = Comparator
            .<UploadRecord, byte[]>comparing(u -> Keys.utf8(u.key()), Arrays::compareUnsigned)
            .thenComparingLong(UploadRecord::initiated)
            .thenComparing(UploadRecord::uploadId);

    public static UploadListing of(List<UploadRecord> all, String prefix, String delimiter, String keyMarker,
                                   String uploadIdMarker, int max) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<UploadRecord> ordered = all.stream().sorted(ORDER).toList();
        List<UploadRecord> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        boolean passedUploadIdMarker = uploadIdMarker == null;
        String lastKey = null;
        String lastUploadId = null;
        for (UploadRecord upload : ordered) {
            String key = upload.key();
            if (!key.startsWith(p)) {
                continue;
            }
            if (keyMarker != null) {
                int order = Arrays.compareUnsigned(Keys.utf8(key), Keys.utf8(keyMarker));
                if (order == 0 && !passedUploadIdMarker) {
                    passedUploadIdMarker = upload.uploadId().equals(uploadIdMarker);
                    continue;
                }
                if (order < 0 || (order == 0 && uploadIdMarker == null) || underCommonPrefix(key, keyMarker, p, d)) {
                    continue;
                }
            }
            int at = d == null ? -1 : key.indexOf(d, p.length());
            String common = at < 0 ? null : key.substring(0, at + d.length());
            if (common != null && common.equals(lastKey) && lastUploadId == null) {
                continue;
            }
            if (uploads.size() + prefixes.size() == max) {
                return new UploadListing(uploads, prefixes, true, lastKey, lastUploadId);
            }
            if (common != null) {
                prefixes.add(common);
                lastKey = common;
                lastUploadId = null;
            } else {
                uploads.add(upload);
                lastKey = key;
                lastUploadId = upload.uploadId();
            }
        }
        return new UploadListing(uploads, prefixes, false, null, null);
    }

    /** A key-marker that is a common prefix already returned skips every key under it. */
    private static boolean underCommonPrefix(String key, String keyMarker, String prefix, String delimiter) {
        return delimiter != null && keyMarker.endsWith(delimiter) && keyMarker.startsWith(prefix)
                && keyMarker.indexOf(delimiter, prefix.length()) == keyMarker.length() - delimiter.length()
                && key.startsWith(keyMarker);
    }
}
