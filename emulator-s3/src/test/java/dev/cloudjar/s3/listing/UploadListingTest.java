package dev.cloudjar.s3.listing;

import dev.cloudjar.s3.store.UploadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadListingTest {
    private static UploadRecord upload(String key, String id, long initiated) {
        return new UploadRecord("b", key, id, initiated, Map.of(), null, Map.of(), "STANDARD", Map.of(), null, null, null, null);
    }

    private final List<UploadRecord> uploads = List.of(upload("x/2", "u4", 4), upload("a", "u2", 2),
            upload("a", "u1", 1), upload("x/1", "u3", 3), upload("é", "u5", 5), upload("z", "u6", 6));

    private static List<String> ids(UploadListing page) {
        return page.uploads().stream().map(UploadRecord::uploadId).toList();
    }

    @Test
    void uploadsComeInUtf8KeyOrderThenByInitiation() {
        assertEquals(List.of("u1", "u2", "u3", "u4", "u6", "u5"), ids(UploadListing.of(uploads, null, null, null, null, 1000)));
    }

    @Test
    void aKeyMarkerAloneSkipsThatKeyAndAnUploadIdMarkerResumesWithinIt() {
        assertEquals(List.of("u3", "u4", "u6", "u5"), ids(UploadListing.of(uploads, null, null, "a", null, 1000)));
        assertEquals(List.of("u2", "u3", "u4", "u6", "u5"), ids(UploadListing.of(uploads, null, null, "a", "u1", 1000)));
    }

    @Test
    void commonPrefixesCountOnceAndAPrefixMarkerSkipsEverythingUnderIt() {
        UploadListing first = UploadListing.of(uploads, null, "/", null, null, 3);
        assertEquals(List.of("u1", "u2"), ids(first));
        assertEquals(List.of("x/"), first.prefixes());
        assertTrue(first.truncated());
        assertEquals("x/", first.nextKeyMarker());
        assertEquals(null, first.nextUploadIdMarker());

        UploadListing rest = UploadListing.of(uploads, null, "/", first.nextKeyMarker(), null, 3);
        assertEquals(List.of("u6", "u5"), ids(rest));
        assertFalse(rest.truncated());
    }
}
