package dev.cloudjar.s3.bucket;

import dev.cloudjar.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** S3's general purpose bucket naming rules, each broken once (the SDKs refuse most such names before sending). */
class BucketOperationsTest {

    @Test
    void eachNamingRuleRefusesWithInvalidBucketNameNamingTheBucket() {
        for (String name : List.of("ab", "a".repeat(64), "Upper", "under_score", "-leading", "trailing-", ".leading",
                "trailing.", "dots..twice", "dot.-dash", "dash-.dot", "192.168.1.1", "xn--punycode", "sthree-prefix",
                "name-s3alias", "name--ol-s3", "spa ce")) {
            AwsException e = assertThrows(AwsException.class, () -> BucketOperations.checkName(name), name);
            assertEquals("InvalidBucketName", e.code(), name);
            assertEquals(400, e.status(), name);
            assertEquals("The specified bucket is not valid.", e.getMessage(), name);
            assertEquals(name, e.members().get("BucketName"), name);
        }
    }

    @Test
    void namesWithinTheRulesAreAccepted() {
        for (String name : List.of("abc", "a".repeat(63), "my.bucket-1", "1.2.3.bucket", "xn-single-dash")) {
            assertDoesNotThrow(() -> BucketOperations.checkName(name), name);
        }
    }

    @Test
    void ownersAreNamedByA64HexDigitCanonicalIdPerAccount() {
        String id = BucketOperations.canonicalUserId("000000000000");
        assertEquals(64, id.length());
        assertEquals(id, id.replaceAll("[^0-9a-f]", ""));
        assertEquals(id, BucketOperations.canonicalUserId("000000000000"));
        assertEquals(false, id.equals(BucketOperations.canonicalUserId("111111111111")));
    }
}
