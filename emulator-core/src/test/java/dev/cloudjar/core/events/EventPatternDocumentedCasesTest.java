package dev.cloudjar.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of AWS's documentation, one per line of {@code documented-cases.jsonl}: each names
 * its page and section, the dialect, the pattern, and either an event (or an SNS message's
 * attributes) with whether it matches, or the error the service answers with.
 */
class EventPatternDocumentedCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASES = "documented-cases.jsonl";

    static Stream<Arguments> matchCases() throws IOException {
        return cases().stream().filter(c -> c.has("match"))
                .map(c -> Arguments.of(c.get("source").asText(), c));
    }

    static Stream<Arguments> invalidCases() throws IOException {
        return cases().stream().filter(c -> c.has("error"))
                .map(c -> Arguments.of(c.get("source").asText(), c));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("matchCases")
    void documentedPatternMatchesAsDocumented(String source, JsonNode c) {
        Dialect dialect = Dialect.valueOf(c.get("dialect").asText());
        EventPattern pattern = EventPattern.compile(text(c.get("pattern")), dialect);
        boolean matched = c.has("attributes")
                ? pattern.matchesMessageAttributes(attributes(c.get("attributes")))
                : pattern.matches(text(c.get("event")));
        assertEquals(c.get("match").asBoolean(), matched,
                () -> "pattern " + text(c.get("pattern")) + " on " + (c.has("attributes") ? c.get("attributes") : c.get("event")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidCases")
    void documentedInvalidPatternIsRefusedWithTheServicesMessage(String source, JsonNode c) {
        Dialect dialect = Dialect.valueOf(c.get("dialect").asText());
        String expected = c.get("error").asText();
        InvalidPatternException refused = assertThrows(InvalidPatternException.class,
                () -> EventPattern.compile(text(c.get("pattern")), dialect));
        assertEquals(dialect, refused.dialect());
        if (dialect == Dialect.EVENTBRIDGE) {
            // EventBridge appends event-ruler's parser location ("\n at [Source: ...]") to most reasons.
            String message = refused.getMessage();
            assertTrue(message.startsWith(expected), () -> "expected " + expected + " but was " + message);
            String rest = message.substring(expected.length());
            assertTrue(rest.isEmpty() || rest.startsWith("\n at [Source: "), () -> "unexpected tail: " + rest);
        } else {
            assertEquals(expected, refused.getMessage());
        }
    }

    private static List<JsonNode> cases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = EventPatternDocumentedCasesTest.class.getResourceAsStream(CASES);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
                }
            }
        }
        return cases;
    }

    /** A JSON string in the table is given as is (text that is not JSON); anything else as its JSON. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static Map<String, MessageAttribute> attributes(JsonNode node) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> attributes.put(field.getKey(),
                new MessageAttribute(field.getValue().get("Type").asText(), field.getValue().get("Value").asText())));
        return attributes;
    }
}
