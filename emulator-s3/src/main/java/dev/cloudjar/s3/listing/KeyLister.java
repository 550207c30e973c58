package dev.cloudjar.s3.listing;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.s3.store.Keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The walk shared by S3's listings: entries of one bucket in key order from a start point, keys
 * under a prefix, those that contain the delimiter after the prefix rolled up into common
 * prefixes (each counted once towards max-keys), stopping after max items. Reads pages from the
 * keyspace and jumps over a whole common prefix at once, so the cost follows the page returned.
 */
final class KeyLister {
    private static final int SCAN_PAGE = 1000;

    /**
     * A page of a listing.
     *
     * @param entries  the entries listed, in order
     * @param prefixes the common prefixes, in order
     * @param last     the last item listed (an entry's key or a common prefix), or null
     * @param next     where the next page starts (a storage key), or null when not truncated
     */
    record Page(List<Entry> entries, List<String> prefixes, String last, Entry lastEntry, byte[] next) {
        boolean truncated() {
            return next != null;
        }
    }

    private KeyLister() {
    }

    /**
     * @param base   the bucket's base key (bucket NUL)
     * @param from   the first storage key to consider
     * @param keyOf  the object key of an entry
     */
    static Page list(Keyspace keyspace, byte[] base, String prefix, String delimiter, byte[] from, int max,
                     Function<Entry, String> keyOf) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        byte[] prefixKey = Keys.concat(base, Keys.utf8(p));
        byte[] to = Keys.successor(p.isEmpty() ? base : prefixKey);
        byte[] cursor = compare(from, prefixKey) < 0 ? prefixKey : from;
        List<Entry> entries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        Entry lastEntry = null;
        while (true) {
            int count = entries.size() + prefixes.size();
            List<Entry> page = keyspace.scan(cursor, to, count == max ? 1 : Math.min(SCAN_PAGE, max - count + 1), false);
            if (page.isEmpty()) {
                return new Page(entries, prefixes, last, lastEntry, null);
            }
            for (Entry e : page) {
                if (entries.size() + prefixes.size() == max) {
                    return new Page(entries, prefixes, last, lastEntry, cursor);
                }
                String key = keyOf.apply(e);
                int at = d == null ? -1 : key.indexOf(d, p.length());
                if (at >= 0) {
                    String common = key.substring(0, at + d.length());
                    prefixes.add(common);
                    last = common;
                    lastEntry = null;
                    cursor = Keys.successor(Keys.concat(base, Keys.utf8(common)));
                    break;
                }
                entries.add(e);
                last = key;
                lastEntry = e;
                cursor = Keys.after(e.key());
            }
            if (cursor == null) {
                return new Page(entries, prefixes, last, lastEntry, null);
            }
        }
    }

    /**
     * Where a listing resumes after a marker: past the marker itself, and past every key under it
     * when the marker is a common prefix already returned.
     *
     * @param pastMarker the storage key just after the marker's own entries
     */
    static byte[] resumeAfter(byte[] base, String prefix, String delimiter, String marker, byte[] pastMarker) {
        String p = prefix == null ? "" : prefix;
        if (delimiter != null && !delimiter.isEmpty() && marker.startsWith(p) && marker.endsWith(delimiter)
                && marker.indexOf(delimiter, p.length()) == marker.length() - delimiter.length()) {
            return Keys.successor(Keys.concat(base, Keys.utf8(marker)));
        }
        return pastMarker;
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
