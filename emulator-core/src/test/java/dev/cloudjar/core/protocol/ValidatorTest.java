package dev.cloudjar.core.protocol;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.ErrorConventions;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.model.Shape;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorTest {
    private static final String MODEL = """
            {"smithy": "2.0", "shapes": {
              "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#CreateTable"}],
                         "traits": {"aws.protocols#awsJson1_0": {}}},
              "ex#CreateTable": {"type": "operation", "input": {"target": "ex#CreateTableInput"}},
              "ex#CreateTableInput": {"type": "structure", "members": {
                "TableName": {"target": "ex#TableName", "traits": {"smithy.api#required": {}}},
                "BillingMode": {"target": "ex#BillingMode"},
                "ReadCapacityUnits": {"target": "smithy.api#Long", "traits": {"smithy.api#range": {"min": 1}}},
                "KeySchema": {"target": "ex#KeySchema"},
                "Layers": {"target": "ex#Layers"},
                "Tags": {"target": "ex#Tags"},
                "Payload": {"target": "ex#Payload"},
                "Mode": {"target": "smithy.api#Integer", "traits": {"smithy.api#required": {}, "smithy.api#default": 0}}
              }},
              "ex#TableName": {"type": "string", "traits": {"smithy.api#length": {"min": 3, "max": 255},
                                                           "smithy.api#pattern": "^[a-zA-Z0-9_.-]+$"}},
              "ex#BillingMode": {"type": "enum", "members": {
                "PROVISIONED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "PROVISIONED"}},
                "PAY_PER_REQUEST": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "PAY_PER_REQUEST"}}}},
              "ex#KeySchema": {"type": "list", "member": {"target": "ex#KeySchemaElement"},
                               "traits": {"smithy.api#length": {"min": 1, "max": 2}}},
              "ex#KeySchemaElement": {"type": "structure", "members": {
                "AttributeName": {"target": "ex#TableName", "traits": {"smithy.api#required": {}}}}},
              "ex#Layers": {"type": "list", "member": {"target": "ex#Arn"}},
              "ex#Arn": {"type": "string", "traits": {"smithy.api#length": {"max": 5}}},
              "ex#Tags": {"type": "map", "key": {"target": "ex#Arn"}, "value": {"target": "smithy.api#String"}},
              "ex#Payload": {"type": "blob", "traits": {"smithy.api#length": {"max": 2}}}
            }}""";

    private final ServiceModel model = ServiceModel.load(
            new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.UTF_8)));
    private final Shape input = model.operation("CreateTable").input();
    private final Validator validator = new Validator();

    @Test
    void missingRequiredMemberIsReportedAsNullAtItsLowerCamelPath() {
        AwsException e = assertThrows(AwsException.class, () -> validator.validate(model, input, Map.of()));

        assertEquals("ValidationException", e.code());
        assertEquals(400, e.status());
        assertEquals("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                + "Member must not be null", e.getMessage());
    }

    @Test
    void everyViolationIsCollectedInModelOrder() {
        List<String> violations = validator.violations(input, Map.of(
                "TableName", "x!", "BillingMode", "FREE", "ReadCapacityUnits", 0L));

        assertEquals(List.of(
                "Value 'x!' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3",
                "Value 'x!' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                "Value 'FREE' at 'billingMode' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
                "Value '0' at 'readCapacityUnits' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1"), violations);
        assertTrue(Validator.message(violations).startsWith("4 validation errors detected: Value 'x!' at"));
    }

    @Test
    void structuresInListsArePathedByOneBasedIndexAndMember() {
        List<String> violations = validator.violations(input, Map.of("TableName", "Music",
                "KeySchema", List.of(Map.of("AttributeName", "id"), Map.of())));

        assertEquals(List.of(
                "Value 'id' at 'keySchema.1.member.attributeName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3",
                "Value null at 'keySchema.2.member.attributeName' failed to satisfy constraint: "
                        + "Member must not be null"), violations);
    }

    @Test
    void collectionSizesAreCheckedAgainstLength() {
        List<String> violations = validator.violations(input, Map.of("TableName", "Music", "KeySchema", List.of()));

        assertEquals(List.of("Value '[]' at 'keySchema' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1"), violations);
    }

    @Test
    void simpleListElementsAndMapKeysAreReportedOnceAtTheCollection() {
        List<String> violations = validator.violations(input, Map.of("TableName", "Music",
                "Layers", List.of("abcdef", "ghijkl"), "Tags", Map.of("too-long", "v")));

        assertEquals(List.of(
                "Value '[abcdef, ghijkl]' at 'layers' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must have length less than or equal to 5]",
                "Value '{too-long=v}' at 'tags' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 5]"),
                violations);
    }

    @Test
    void blobLengthCountsBytesAndStringLengthCountsCharacters() {
        assertEquals(1, validator.violations(input, Map.of("TableName", "Music", "Payload", new byte[3])).size());
        assertEquals(List.of(), validator.violations(input, Map.of("TableName", "Music",
                "Layers", List.of("\uD83D\uDE00\uD83D\uDE00abc"))));
    }

    @Test
    void requiredMemberWithDefaultMayBeAbsent() {
        assertEquals(List.of(), validator.violations(input, Map.of("TableName", "Music")));
    }

    @Test
    void aServiceMayReportValidationUnderItsOwnCode() {
        ServiceModel cognitoStyle = model.withConventions(new ErrorConventions(null, "InvalidParameterException"));

        AwsException e = assertThrows(AwsException.class, () -> validator.validate(cognitoStyle, input, Map.of()));

        assertEquals("InvalidParameterException", e.code());
    }
}
