package dev.cloudjar.s3.object;

import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.state.MemoryStateStore;
import dev.cloudjar.core.state.blob.FileBlobStore;
import dev.cloudjar.s3.store.ObjectVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ObjectContentTest {
    private final FileBlobStore blobs = FileBlobStore.temporary(new MemoryStateStore());
    private final ObjectContent content = new ObjectContent(blobs);

    ObjectContentTest() throws Exception {
    }

    @AfterEach
    void close() {
        blobs.close();
    }

    private String blob(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new BodyWriter(blobs).write(new ByteArrayInputStream(bytes), bytes.length, Set.of()).blobId();
    }

    private static ObjectVersion object(String blobId, List<String> partBlobIds, List<Long> partSizes, long size) {
        return new ObjectVersion("key", "null", 1, false, 0, blobId, size, "\"e\"", Map.of(), null, Map.of(),
                "STANDARD", Map.of(), null, partSizes == null ? 0 : partSizes.size(), Map.of(), partSizes, null, null,
                partBlobIds);
    }

    private ObjectVersion multipart() {
        return object(null, List.of(blob("abc"), blob("defg"), blob("hi")), List.of(3L, 4L, 2L), 9);
    }

    private String read(ObjectVersion object, long offset, long length) throws Exception {
        try (InputStream in = content.open(object, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rangesOfAMultipartObjectReadAcrossItsParts() throws Exception {
        ObjectVersion object = multipart();
        assertEquals("abcdefghi", read(object, 0, 9));
        assertEquals("d", read(object, 3, 1));
        assertEquals("cd", read(object, 2, 2));
        assertEquals("cdefgh", read(object, 2, 6));
        assertEquals("i", read(object, 8, 1));
        assertEquals("", read(object, 4, 0));
    }

    @Test
    void aRangeInOneLargePartIsOneRegionOfItsFileAndOneAcrossPartsARunOfRegions() {
        int large = 100_000;
        ObjectVersion object = object(null, List.of(blob("a".repeat(large)), blob("b".repeat(large)), blob("c".repeat(large))),
                List.of((long) large, (long) large, (long) large), 3L * large);
        ResponseBody.FileRegion inside = assertInstanceOf(ResponseBody.FileRegion.class, content.body(object, large + 1, 2));
        assertEquals(file(object.partBlobIds().get(1)), inside.file());
        assertEquals(1, inside.offset());
        assertEquals(2, inside.length());

        ResponseBody.FileRegions across = assertInstanceOf(ResponseBody.FileRegions.class,
                content.body(object, large - 1, large + 2));
        assertEquals(List.of(new ResponseBody.FileRegion(file(object.partBlobIds().get(0)), large - 1, 1),
                new ResponseBody.FileRegion(file(object.partBlobIds().get(1)), 0, large),
                new ResponseBody.FileRegion(file(object.partBlobIds().get(2)), 0, 1)), across.regions());
        assertEquals(large + 2, across.length());
    }

    @Test
    void aRangeOfASmallBlobIsItsBytesAndOneAcrossSmallPartsAStream() throws Exception {
        ObjectVersion object = multipart();

        assertEquals("ef", new String(assertInstanceOf(ResponseBody.Bytes.class, content.body(object, 4, 2)).bytes(),
                StandardCharsets.UTF_8));
        ResponseBody.Stream across = assertInstanceOf(ResponseBody.Stream.class, content.body(object, 2, 6));
        try (InputStream in = across.stream()) {
            assertEquals("cdefgh", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(6, across.length());
    }

    private Path file(String blobId) {
        return blobs.file(blobId).orElseThrow();
    }

    /** A multipart object completed before parts were kept has one assembled blob and its part sizes. */
    @Test
    void aRecordStoredWithOneAssembledBlobStillLoadsAndReads() throws Exception {
        String blobId = blob("abcdefghi");
        String stored = "{\"key\":\"key\",\"versionId\":\"null\",\"sequence\":1,\"deleteMarker\":false,\"lastModified\":0,"
                + "\"blobId\":\"" + blobId + "\",\"size\":9,\"etag\":\"\\\"e-3\\\"\",\"contentHeaders\":{},\"expires\":null,"
                + "\"metadata\":{},\"storageClass\":\"STANDARD\",\"checksums\":{},\"checksumType\":null,\"partsCount\":3,"
                + "\"tags\":{},\"partSizes\":[3,4,2],\"encryption\":null,\"grants\":null}";
        ObjectVersion object = RecordJson.read(stored.getBytes(StandardCharsets.UTF_8), ObjectVersion.class);
        assertEquals(List.of(blobId), object.blobIds());
        assertEquals("cdefgh", read(object, 2, 6));
        assertEquals("cdefgh", new String(assertInstanceOf(ResponseBody.Bytes.class, content.body(object, 2, 6)).bytes(),
                StandardCharsets.UTF_8));
    }
}
