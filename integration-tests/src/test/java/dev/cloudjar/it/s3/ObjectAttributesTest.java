package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetObjectAttributes: the attributes x-amz-object-attributes names, and only those. */
@Cloudjar
class ObjectAttributesTest {
    static final String BUCKET = "attributes";
    static S3Client s3;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = s3(endpoint);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void aSinglePartObjectAnswersItsEtagUnquotedChecksumClassAndSize() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("single").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("hello"));
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("single")
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS,
                        ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE));
        assertEquals(put.eTag().replace("\"", ""), attributes.eTag());
        assertEquals(put.checksumCRC32(), attributes.checksum().checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, attributes.checksum().checksumType());
        assertEquals(StorageClass.STANDARD, attributes.storageClass());
        assertEquals(5L, attributes.objectSize());
        assertNull(attributes.objectParts());
        assertTrue(attributes.lastModified() != null);
    }

    @Test
    void onlyTheNamedAttributesAreAnswered() {
        s3.putObject(b -> b.bucket(BUCKET).key("sized"), RequestBody.fromString("abc"));
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("sized")
                .objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertEquals(3L, attributes.objectSize());
        assertNull(attributes.eTag());
        assertNull(attributes.storageClass());
    }

    @Test
    void aMultipartObjectListsItsPartsAPageAtATime() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("parts")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] fiveMiB = new byte[5 * 1024 * 1024];
        Arrays.fill(fiveMiB, (byte) 'p');
        for (int n = 1; n <= 3; n++) {
            int number = n;
            byte[] body = n < 3 ? fiveMiB : new byte[]{1, 2};
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key("parts").uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(body)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("parts").uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

        GetObjectAttributesResponse first = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("parts")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS).maxParts(2));
        assertEquals(3, first.objectParts().totalPartsCount());
        assertEquals(true, first.objectParts().isTruncated());
        assertEquals(2, first.objectParts().nextPartNumberMarker());
        assertEquals(List.of(1, 2), first.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertEquals(5L * 1024 * 1024, first.objectParts().parts().get(0).size());

        GetObjectAttributesResponse rest = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("parts")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS).partNumberMarker(2));
        assertEquals(false, rest.objectParts().isTruncated());
        assertEquals(List.of(3), rest.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertEquals(2L, rest.objectParts().parts().get(0).size());
    }

    @Test
    void aMissingObjectIsNoSuchKey() {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getObjectAttributes(b -> b.bucket(BUCKET).key("none")
                .objectAttributes(ObjectAttributes.E_TAG)));
        assertEquals("NoSuchKey", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
    }

    @Test
    void anUnknownAttributeIsAnInvalidArgument() {
        s3.putObject(b -> b.bucket(BUCKET).key("named"), RequestBody.fromString("n"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getObjectAttributes(b -> b.bucket(BUCKET).key("named")
                .objectAttributesWithStrings("Colour")));
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals("Invalid attribute name specified.", e.awsErrorDetails().errorMessage());
    }
}
