package dev.cloudjar.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSlimmerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "example.queue#Queue";

    /** A published model in miniature: wire traits mixed with documentation, examples and endpoint rules. */
    private static final String MODEL = """
            {"smithy": "2.0", "metadata": {"suppressions": []}, "shapes": {
              "example.queue#Queue": {"type": "service", "version": "2012-11-05",
                "operations": [{"target": "example.queue#SendMessage"}],
                "errors": [{"target": "example.queue#Throttled"}],
                "traits": {"aws.protocols#awsJson1_0": {}, "aws.protocols#awsQueryCompatible": {},
                  "aws.auth#sigv4": {"name": "queue"}, "smithy.api#documentation": "A queue.",
                  "smithy.rules#endpointRuleSet": {"version": "1.0"}, "smithy.rules#endpointTests": {}}},
              "example.queue#SendMessage": {"type": "operation",
                "input": {"target": "example.queue#SendMessageRequest"}, "output": {"target": "smithy.api#Unit"},
                "errors": [{"target": "example.queue#QueueDoesNotExist"}],
                "traits": {"smithy.api#examples": [{"title": "send"}], "smithy.api#documentation": "Sends."}},
              "example.queue#SendMessageRequest": {"type": "structure", "members": {
                  "QueueUrl": {"target": "smithy.api#String",
                    "traits": {"smithy.api#required": {}, "smithy.api#documentation": "Where.",
                               "smithy.rules#contextParam": {"name": "x"}}},
                  "Attributes": {"target": "example.queue#AttributeMap",
                    "traits": {"smithy.api#xmlName": "Attribute", "smithy.api#xmlFlattened": {}}}},
                "traits": {"smithy.api#input": {}}},
              "example.queue#AttributeMap": {"type": "map",
                "key": {"target": "example.queue#AttributeName", "traits": {"smithy.api#xmlName": "Name"}},
                "value": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "Value."}}},
              "example.queue#AttributeName": {"type": "string",
                "traits": {"smithy.api#length": {"min": 1}, "smithy.api#documentation": "A name."}},
              "example.queue#QueueDoesNotExist": {"type": "structure", "members": {},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400,
                  "aws.protocols#awsQueryError": {"code": "AWS.Queue.NonExistentQueue", "httpResponseCode": 400}}},
              "example.queue#Throttled": {"type": "structure", "members": {},
                "traits": {"smithy.api#error": "client", "smithy.api#retryable": {}}},
              "example.queue#Unused": {"type": "string"}
            }}
            """;

    private final JsonNode slim = ModelSlimmer.slim(read(MODEL), SERVICE);

    @Test
    void keepsOnlyTheShapesTheServiceReaches() {
        assertEquals(List.of(SERVICE, "example.queue#SendMessage", "example.queue#SendMessageRequest",
                        "example.queue#AttributeMap", "example.queue#AttributeName",
                        "example.queue#QueueDoesNotExist", "example.queue#Throttled"),
                List.copyOf(fieldNames(slim.path("shapes"))));
        assertFalse(slim.has("metadata"));
    }

    @Test
    void dropsDocumentationExamplesAndEndpointRules() {
        JsonNode shapes = slim.path("shapes");
        assertEquals(Set.of("aws.protocols#awsJson1_0", "aws.protocols#awsQueryCompatible", "aws.auth#sigv4"),
                fieldNames(shapes.path(SERVICE).path("traits")));
        assertFalse(shapes.path("example.queue#SendMessage").has("traits"));
        assertEquals(Set.of("smithy.api#required"),
                fieldNames(shapes.path("example.queue#SendMessageRequest").path("members").path("QueueUrl").path("traits")));
        assertFalse(shapes.path("example.queue#AttributeMap").path("value").has("traits"));
        assertEquals(Set.of("smithy.api#error"), fieldNames(shapes.path("example.queue#Throttled").path("traits")));
    }

    @Test
    void keepsWhatTheCodecsAndTheValidatorRead() {
        ServiceModel model = ServiceModel.fromAst(slim, null);
        OperationModel send = model.operation("SendMessage");
        Member attributes = send.input().member("Attributes");
        assertEquals("Attribute", attributes.traits().string("xmlName"));
        assertTrue(attributes.traits().has("xmlFlattened"));
        assertTrue(send.input().member("QueueUrl").isRequired());
        assertEquals("Name", attributes.target().mapKey().traits().string("xmlName"));
        assertEquals(1, attributes.target().mapKey().target().traits().get("length").path("min").asInt());
        assertEquals("AWS.Queue.NonExistentQueue",
                send.errors().get(0).traits().string("aws.protocols#awsQueryError", "code"));
        assertTrue(model.service().traits().has("aws.protocols#awsQueryCompatible"));
        assertEquals("queue", model.signingName());
        assertEquals("2012-11-05", model.version());
    }

    @Test
    void mainWritesTheSlimModelWhereTheBuildAsks(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("queue.json");
        Files.writeString(in, MODEL);
        Path out = dir.resolve("classes/dev/cloudjar/queue/queue.json");
        ModelSlimmer.main(new String[]{in.toString(), out.toString(), SERVICE});
        try (InputStream slimmed = Files.newInputStream(out)) {
            assertEquals(Set.of("SendMessage"), ServiceModel.load(slimmed).operations().keySet());
        }
    }

    @Test
    void aServiceTheModelDoesNotDefineIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ModelSlimmer.slim(read(MODEL), "example.queue#Other"));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
