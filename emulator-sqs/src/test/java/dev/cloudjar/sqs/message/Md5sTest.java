package dev.cloudjar.sqs.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The digests against values SQS itself returned (published in AWS's documentation and other SQS clients' tests). */
class Md5sTest {
    private static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }

    private static MessageAttribute number(String value) {
        return new MessageAttribute("Number", value, null);
    }

    @Test
    void theBodyDigestIsTheMd5OfItsUtf8Bytes() {
        assertEquals("5d41402abc4b2a76b9719d911017c592", Md5s.ofBody("hello"));
    }

    @Test
    void attributeDigestsMatchWhatSqsReturns() {
        assertEquals("cd28f3b68aeee4b2eac9c66f2f694b58", Md5s.ofAttributes(Map.of("SellerName", string("Example Store"))));
        assertEquals("235c5c510d26fb653d073faed50ae77c", Md5s.ofAttributes(Map.of("timestamp", number("1493147359900"))));
    }

    @Test
    void attributesAreDigestedInNameOrderWhateverOrderTheyCameIn() {
        Map<String, MessageAttribute> sent = new LinkedHashMap<>();
        sent.put("ordinal", number("1"));
        sent.put("category", string("test"));
        assertEquals("d21ae90c49061e927f57df5f5d72be1f", Md5s.ofAttributes(sent));
    }

    @Test
    void aBinaryValueIsDigestedWithItsOwnTransportType() {
        String asString = Md5s.ofAttributes(Map.of("a", new MessageAttribute("Binary", "x", null)));
        String asBinary = Md5s.ofAttributes(Map.of("a", new MessageAttribute("Binary", null, "x".getBytes(StandardCharsets.UTF_8))));
        assertNotEquals(asString, asBinary);
    }

    @Test
    void noAttributesHaveNoDigest() {
        assertNull(Md5s.ofAttributes(Map.of()));
    }

    @Test
    void contentBasedDeduplicationIdsAreTheSha256OfTheBody() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Md5s.sha256("hello"));
    }
}
