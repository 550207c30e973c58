package dev.cloudjar.lambda.mapping;

import dev.cloudjar.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFilterTest {
    private static final Map<String, Object> INSERT = Map.of("eventName", "INSERT", "dynamodb", Map.of(
            "NewImage", Map.of("status", Map.of("S", "SHIPPED"), "quantity", Map.of("N", "12"),
                    "tags", Map.of("SS", List.of("red", "blue")))));

    private static boolean matches(String pattern, Map<String, Object> record) {
        return EventFilter.of(List.of(pattern)).matches(record);
    }

    @Test
    void noPatternsLetEveryRecordThrough() {
        assertTrue(EventFilter.of(List.of()).matches(INSERT));
    }

    @Test
    void everyFieldMustMatchAndAnArrayListsAlternatives() {
        assertTrue(matches("{\"eventName\":[\"INSERT\",\"MODIFY\"],\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"SHIPPED\"]}}}}", INSERT));
        assertFalse(matches("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"NEW\"]}}}}", INSERT));
        assertFalse(matches("{\"eventName\":[\"REMOVE\"]}", INSERT));
    }

    @Test
    void anyPatternMatchingIsEnough() {
        assertTrue(EventFilter.of(List.of("{\"eventName\":[\"REMOVE\"]}", "{\"eventName\":[\"INSERT\"]}")).matches(INSERT));
    }

    @Test
    void contentFiltersCompareStringsNumbersAndPresence() {
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"prefix\":\"SHIP\"}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"suffix\":\"PED\"}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"equals-ignore-case\":\"shipped\"}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"anything-but\":[\"NEW\",\"LOST\"]}]}}}}", INSERT));
        assertFalse(matches("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"anything-but\":\"SHIPPED\"}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"quantity\":{\"N\":[{\"numeric\":[\">\",10,\"<=\",12]}]}}}}", INSERT));
        assertFalse(matches("{\"dynamodb\":{\"NewImage\":{\"quantity\":{\"N\":[{\"numeric\":[\"<\",10]}]}}}}", INSERT));
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"status\":[{\"exists\":true}],\"missing\":[{\"exists\":false}]}}}", INSERT));
        assertFalse(matches("{\"dynamodb\":{\"NewImage\":{\"missing\":[{\"exists\":true}]}}}", INSERT));
    }

    @Test
    void aRecordArrayMatchesWhenOneOfItsElementsDoes() {
        assertTrue(matches("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"blue\"]}}}}", INSERT));
        assertFalse(matches("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"green\"]}}}}", INSERT));
    }

    @Test
    void numbersMatchNumbersByValueOnly() {
        Map<String, Object> body = Map.of("body", Map.of("size", 5, "code", "5"));
        assertTrue(matches("{\"body\":{\"size\":[5.0]}}", body));
        assertFalse(matches("{\"body\":{\"code\":[5]}}", body));
    }

    @Test
    void aPatternThatIsNotAJsonObjectIsAnInvalidParameter() {
        AwsException e = assertThrows(AwsException.class, () -> EventFilter.of(List.of("[1]")));
        assertEquals("InvalidParameterValueException", e.code());
        assertEquals("Invalid filter pattern definition.", e.getMessage());
    }
}
