package dev.cloudjar.s3.object;

import dev.cloudjar.core.spi.ObjectSource;
import dev.cloudjar.core.state.MemoryStateStore;
import dev.cloudjar.core.state.blob.FileBlobStore;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredObjectsTest {
    private static final String ACCOUNT = "000000000000";

    private final MemoryStateStore state = new MemoryStateStore();
    private final FileBlobStore blobs = FileBlobStore.temporary(state);
    private final S3Store store = new S3Store(state, blobs);
    private final ObjectSource source = new StoredObjects(store);

    StoredObjectsTest() throws Exception {
        store.putBucket(ACCOUNT, BucketRecord.create("code", "us-east-1", 0, null, Map.of()));
    }

    @AfterEach
    void close() {
        blobs.close();
    }

    private ObjectVersion put(String key, String versionId, long sequence, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        BodyWriter.StoredBody body = new BodyWriter(blobs).write(new ByteArrayInputStream(bytes), bytes.length, Set.of());
        ObjectVersion version = new ObjectVersion(key, versionId, sequence, false, 0, body.blobId(), body.size(),
                "\"etag\"", Map.of(), null, Map.of(), "STANDARD", Map.of(), "FULL_OBJECT", 0, Map.of(), null, null, null, null);
        store.putVersion(ACCOUNT, "code", version);
        return version;
    }

    private String blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new BodyWriter(blobs).write(new ByteArrayInputStream(bytes), bytes.length, Set.of()).blobId();
    }

    private static String read(ObjectSource.StoredObject object) throws Exception {
        try (InputStream in = object.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void findsTheCurrentObjectAsItsContents() throws Exception {
        put("function.zip", "v1", 1, "old");
        put("function.zip", "v2", 2, "newer");
        ObjectSource.StoredObject found = source.find(ACCOUNT, "code", "function.zip", null).orElseThrow();
        assertEquals(5, found.size());
        assertEquals("newer", read(found));
    }

    @Test
    void aMultipartObjectReadsAsItsPartsInOrder() throws Exception {
        store.putVersion(ACCOUNT, "code", new ObjectVersion("parts.zip", "null", 1, false, 0, null, 9, "\"e-3\"",
                Map.of(), null, Map.of(), "STANDARD", Map.of(), null, 3, Map.of(), List.of(3L, 4L, 2L), null, null,
                List.of(blob("abc"), blob("defg"), blob("hi"))));
        ObjectSource.StoredObject found = source.find(ACCOUNT, "code", "parts.zip", null).orElseThrow();
        assertEquals(9, found.size());
        assertEquals("abcdefghi", read(found));
    }

    @Test
    void findsAVersionById() throws Exception {
        put("function.zip", "v1", 1, "old");
        put("function.zip", "v2", 2, "newer");
        assertEquals("old", read(source.find(ACCOUNT, "code", "function.zip", "v1").orElseThrow()));
    }

    @Test
    void absentBucketsKeysVersionsAndDeleteMarkersFindNothing() {
        put("function.zip", "v1", 1, "old");
        store.putVersion(ACCOUNT, "code", ObjectVersion.deleteMarker("function.zip", "v2", 2, 0));
        assertEquals(Optional.empty(), source.find(ACCOUNT, "nope", "function.zip", null));
        assertEquals(Optional.empty(), source.find(ACCOUNT, "code", "other.zip", null));
        assertEquals(Optional.empty(), source.find(ACCOUNT, "code", "function.zip", "v9"));
        assertEquals(Optional.empty(), source.find(ACCOUNT, "code", "function.zip", "v2"));
        assertEquals(Optional.empty(), source.find(ACCOUNT, "code", "function.zip", null));
        assertTrue(source.find(ACCOUNT, "code", "function.zip", "v1").isPresent());
    }

    @Test
    void tellsWhetherTheAccountHasTheBucket() {
        assertTrue(source.bucketExists(ACCOUNT, "code"));
        assertFalse(source.bucketExists(ACCOUNT, "nope"));
        assertFalse(source.bucketExists("111111111111", "code"));
    }
}
