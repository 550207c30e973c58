package dev.cloudjar.core.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UriPatternTest {
    @Test
    void labelsArePercentDecodedButPlusStaysPlus() {
        Map<String, String> labels = UriPattern.parse("/functions/{FunctionName}/invocations")
                .match("/functions/my%20fn+1/invocations", Map.of());

        assertEquals(Map.of("FunctionName", "my fn+1"), labels);
    }

    @Test
    void greedyLabelTakesSeveralSegments() {
        assertEquals(Map.of("Bucket", "b", "Key", "a/b/c.txt"),
                UriPattern.parse("/{Bucket}/{Key+}").match("/b/a/b/c.txt", Map.of()));
        assertEquals(Map.of("Key", "a/b"),
                UriPattern.parse("/{Key+}/tail").match("/a/b/tail", Map.of()));
    }

    @Test
    void literalQueryMustBePresent() {
        UriPattern uploads = UriPattern.parse("/{Bucket}?uploads");
        UriPattern getObject = UriPattern.parse("/{Bucket}/{Key+}?x-id=GetObject");

        assertNull(uploads.match("/b", Map.of()));
        assertEquals(Map.of("Bucket", "b"), uploads.match("/b", Map.of("uploads", List.of(""))));
        assertNull(getObject.match("/b/k", Map.of("x-id", List.of("PutObject"))));
    }

    @Test
    void moreLiteralPatternsAreMoreSpecific() {
        assertTrue(UriPattern.parse("/a/b").compareSpecificity(UriPattern.parse("/a/{B}")) < 0);
        assertTrue(UriPattern.parse("/{Bucket}?uploads").compareSpecificity(UriPattern.parse("/{Bucket}")) < 0);
        assertTrue(UriPattern.parse("/{A}/{B}").compareSpecificity(UriPattern.parse("/{A}/{B+}")) < 0);
    }

    @Test
    void emptyLabelDoesNotMatch() {
        assertNull(UriPattern.parse("/a/{B}/c").match("/a//c", Map.of()));
    }
}
