package dev.cloudjar.events.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.events.store.RuleRecord;
import dev.cloudjar.events.store.TargetRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Examples after "Transforming target input" in the EventBridge User Guide (an EC2 state-change event). */
class TargetInputTest {
    private static final RuleRecord RULE = new RuleRecord("ec2", "arn:aws:events:us-east-1:000000000000:rule/ec2", "default",
            "{}", null, "ENABLED", null, null, "000000000000", Map.of());

    private static ObjectNode event() throws IOException {
        return (ObjectNode) RecordJson.tree("{\"version\":\"0\",\"id\":\"7bf73129\",\"detail-type\":\"EC2 Instance State-change"
                + " Notification\",\"source\":\"aws.ec2\",\"account\":\"123456789012\",\"time\":\"2015-11-11T21:29:54Z\","
                + "\"region\":\"us-east-1\",\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"],"
                + "\"detail\":{\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\",\"count\":2}}");
    }

    private static TargetRecord transformer(String template) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("instance", "$.detail.instance-id");
        paths.put("state", "$.detail.state");
        paths.put("count", "$.detail.count");
        paths.put("resource", "$.resources[0]");
        return new TargetRecord("t", "arn:aws:sqs:us-east-1:000000000000:q", null, null, null, paths, template,
                null, null, null, null);
    }

    @Test
    void aStringTemplateGetsTheValuesAsText() throws IOException {
        assertEquals("\"instance i-0123456789 is in RUNNING\"",
                TargetInput.body(transformer("\"instance <instance> is in <state>\""), RULE, event(), "t"));
    }

    @Test
    void aJsonTemplateGetsStringsInItsQuotesAndOtherValuesAsJson() throws IOException {
        assertEquals("{\"instance\": \"i-0123456789\", \"count\": 2, \"resource\": \"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\", \"rule\": \"ec2\"}",
                TargetInput.body(transformer("{\"instance\": \"<instance>\", \"count\": <count>, \"resource\": \"<resource>\","
                        + " \"rule\": \"<aws.events.rule-name>\"}"), RULE, event(), "t"));
    }

    /** "Input transform examples": a variable outside quotes in a JSON template becomes a JSON string. */
    @Test
    void aJsonTemplateQuotesAStringPutOutsideItsQuotes() throws IOException {
        assertEquals("{\"instance\": \"i-0123456789\", \"state\": [9, \"RUNNING\", true], \"Transformed\": \"Yes\"}",
                TargetInput.body(transformer("{\"instance\": <instance>, \"state\": [9, <state>, true], \"Transformed\": \"Yes\"}"),
                        RULE, event(), "t"));
        assertEquals("{\"myInstance\": \"i-0123456789\",\"myStatus\": \"i-0123456789 is in state \\\"RUNNING\\\"\"}",
                TargetInput.body(transformer("{\"myInstance\": <instance>,\"myStatus\": \"<instance> is in state \\\"<state>\\\"\"}"),
                        RULE, event(), "t"), "InputTransformer API reference: variables in quotes or out");
    }

    @Test
    void inputPathGivesTheValueAsJsonAndInputIsSentAsGiven() throws IOException {
        TargetRecord path = new TargetRecord("t", "arn:aws:sqs:us-east-1:000000000000:q", null, null, "$.detail.state",
                null, null, null, null, null, null);
        assertEquals("\"RUNNING\"", TargetInput.body(path, RULE, event(), "t"));
        TargetRecord constant = new TargetRecord("t", "arn:aws:sqs:us-east-1:000000000000:q", null, "{\"a\":1}", null,
                null, null, null, null, null, null);
        assertEquals("{\"a\":1}", TargetInput.body(constant, RULE, event(), "t"));
    }

    @Test
    void withoutInputTheTargetGetsTheWholeEvent() throws IOException {
        TargetRecord plain = new TargetRecord("t", "arn:aws:sqs:us-east-1:000000000000:q", null, null, null,
                null, null, null, null, null, null);
        assertEquals(event().toString(), TargetInput.body(plain, RULE, event(), "t"));
    }
}
