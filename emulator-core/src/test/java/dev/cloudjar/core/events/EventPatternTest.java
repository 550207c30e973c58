package dev.cloudjar.core.events;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the services rely on beyond the documented cases of {@link EventPatternDocumentedCasesTest}. */
class EventPatternTest {

    @Test
    void filterPolicyScopeNamesTheSnsDialectAndDefaultsToMessageAttributes() {
        assertEquals(Dialect.SNS_MESSAGE_BODY, Dialect.snsScope("MessageBody"));
        assertEquals(Dialect.SNS_MESSAGE_ATTRIBUTES, Dialect.snsScope("MessageAttributes"));
        assertEquals(Dialect.SNS_MESSAGE_ATTRIBUTES, Dialect.snsScope(null));
    }

    @Test
    void snsReasonComesWithoutThePrefixSoSubscribeCanWordItsOwn() {
        InvalidPatternException refused = assertThrows(InvalidPatternException.class,
                () -> EventPattern.compile("{\"a\":[\"1\"],\"b\":[\"1\"],\"c\":[\"1\"],\"d\":[\"1\"],\"e\":[\"1\"],\"f\":[\"1\"]}",
                        Dialect.SNS_MESSAGE_BODY));
        assertEquals("FilterPolicy: Filter policy can not have more than 5 keys", refused.reason());
        assertEquals("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys", refused.getMessage());
    }

    /** The reason and location AWS gave a CloudFormation deployment of this pattern (UPDATE_FAILED, InvalidEventPatternException). */
    @Test
    void eventBridgeReasonKeepsTheParserLocationAsEventBridgeAnswers() {
        String pattern = "{\"source\":[\"test.event-pattern\"],\"detail\":{\"lenderId\":\"LenderA\"}}";
        InvalidPatternException refused = assertThrows(InvalidPatternException.class,
                () -> EventPattern.compile(pattern, Dialect.EVENTBRIDGE));
        assertEquals("Event pattern is not valid. Reason: \"lenderId\" must be an object or an array\n"
                + " at [Source: (String)\"" + pattern + "\"; line: 1, column: 56]", refused.getMessage());
    }

    @Test
    void nullPatternIsRefusedAsInvalidJson() {
        assertEquals("Event pattern is not valid. Reason: Invalid JSON",
                assertThrows(InvalidPatternException.class, () -> EventPattern.compile(null, Dialect.EVENTBRIDGE)).getMessage());
        assertEquals("Invalid parameter: FilterPolicy: failed to parse JSON.",
                assertThrows(InvalidPatternException.class, () -> EventPattern.compile("", Dialect.SNS_MESSAGE_ATTRIBUTES)).getMessage());
    }

    @Test
    void eventThatIsNotAJsonObjectMatchesNothing() {
        EventPattern pattern = EventPattern.compile("{\"source\":[{\"exists\":false}]}", Dialect.EVENTBRIDGE);
        assertTrue(pattern.matches("{\"detail\":{}}"));
        assertFalse(pattern.matches(null));
        assertFalse(pattern.matches("[{\"detail\":{}}]"));
        assertFalse(pattern.matches("{\"detail\":"));
    }

    @Test
    void emptySnsFilterPolicyLetsEveryMessageThrough() {
        EventPattern pattern = EventPattern.compile("{}", Dialect.SNS_MESSAGE_ATTRIBUTES);
        assertTrue(pattern.matchesMessageAttributes(Map.of()));
        assertTrue(pattern.matches("{\"store\":\"example_corp\"}"));
        assertThrows(InvalidPatternException.class, () -> EventPattern.compile("{}", Dialect.EVENTBRIDGE));
    }

    @Test
    void customNumberDataTypesCompareNumerically() {
        EventPattern pattern = EventPattern.compile("{\"price\":[{\"numeric\":[\">\",100]}]}", Dialect.SNS_MESSAGE_ATTRIBUTES);
        assertTrue(pattern.matchesMessageAttributes(Map.of("price", new MessageAttribute("Number.float", "1.5e2"))));
        assertFalse(pattern.matchesMessageAttributes(Map.of("price", new MessageAttribute("Number.float", "99.99"))));
    }

    @Test
    void stringArrayThatIsNotAJsonArrayIsMatchedAsOneString() {
        EventPattern pattern = EventPattern.compile("{\"tags\":[\"[not json\"]}", Dialect.SNS_MESSAGE_ATTRIBUTES);
        assertTrue(pattern.matchesMessageAttributes(Map.of("tags", new MessageAttribute("String.Array", "[not json"))));
    }

    @Test
    void existsTrueStillMatchesAnEmptyValueThePolicyNamesLiterally() {
        EventPattern pattern = EventPattern.compile("{\"store\":[{\"exists\":true},\"\"]}", Dialect.SNS_MESSAGE_BODY);
        assertTrue(pattern.matches("{\"store\":\"\"}"));
        assertTrue(pattern.matches("{\"store\":\"fans\"}"));
        assertFalse(pattern.matches("{\"other\":\"fans\"}"));
    }

    @Test
    void existsTrueDropsEmptyElementsOfAnArrayOnly() {
        EventPattern pattern = EventPattern.compile("{\"store\":[{\"exists\":true}]}", Dialect.SNS_MESSAGE_BODY);
        assertFalse(pattern.matches("{\"store\":[null,\"\"]}"));
        assertTrue(pattern.matches("{\"store\":[null,\"fans\"]}"));
        assertFalse(pattern.matches("{\"store\":[{\"name\":\"fans\"}]}"));
    }

    @Test
    void aCompiledPatternGivesTheSameAnswerEveryTime() {
        EventPattern pattern = EventPattern.compile("{\"store\":[{\"exists\":true}]}", Dialect.SNS_MESSAGE_BODY);
        String body = "{\"store\":null}";
        assertFalse(pattern.matches(body));
        assertFalse(pattern.matches(body));
        assertEquals("{\"store\":[{\"exists\":true}]}", pattern.source());
        assertEquals(Dialect.SNS_MESSAGE_BODY, pattern.dialect());
    }
}
