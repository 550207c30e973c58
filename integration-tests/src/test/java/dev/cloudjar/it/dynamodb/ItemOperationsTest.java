package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.createTable;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class ItemOperationsTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", s("user#1"), "sk", n("1"));

    private static Map<String, AttributeValue> item(Object... extra) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(KEY);
        for (int i = 0; i < extra.length; i += 2) {
            item.put((String) extra[i], (AttributeValue) extra[i + 1]);
        }
        return item;
    }

    private static String validationMessage(Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void putThenGetReturnsEveryTypeWithNumbersInCanonicalForm(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "items");
            dynamo.putItem(b -> b.tableName(table).item(item("n", n("01.50"), "ss", AttributeValue.fromSs(List.of("a", "b")),
                    "m", AttributeValue.fromM(Map.of("x", AttributeValue.fromBool(true))), "nul", AttributeValue.fromNul(true),
                    "l", AttributeValue.fromL(List.of(s("x"), n("2"))))));
            Map<String, AttributeValue> got = dynamo.getItem(b -> b.tableName(table).key(KEY).consistentRead(true)).item();
            assertEquals("1.5", got.get("n").n());
            assertEquals(List.of("a", "b"), got.get("ss").ss());
            assertTrue(got.get("m").m().get("x").bool());
            assertEquals(2, got.get("l").l().size());
        }
    }

    @Test
    void getOfAMissingItemReturnsNoItem(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "missing");
            assertFalse(dynamo.getItem(b -> b.tableName(table).key(KEY)).hasItem());
        }
    }

    @Test
    void itemOperationsOnAMissingTableFailWithResourceNotFound(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> dynamo.getItem(b -> b.tableName("no-such-table").key(KEY)));
            assertEquals("Requested resource not found", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void keysMustMatchTheSchema(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "keys");
            assertEquals("The provided key element does not match the schema",
                    validationMessage(() -> dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s("a"))))));
            assertEquals("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                    validationMessage(() -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "sk", s("1"))))));
            assertEquals("One or more parameter values were invalid: Missing the key sk in the item",
                    validationMessage(() -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"))))));
            assertEquals("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                    + "contain an empty string value. Key: pk",
                    validationMessage(() -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s(""), "sk", n("1"))))));
        }
    }

    @Test
    void invalidValuesAreRejectedWithAwsWording(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "values");
            assertEquals("One or more parameter values were invalid: An string set  may not be empty",
                    validationMessage(() -> dynamo.putItem(b -> b.tableName(table).item(item("ss", AttributeValue.fromSs(List.of()))))));
            assertEquals("Attempting to store more than 38 significant digits in a Number",
                    validationMessage(() -> dynamo.putItem(b -> b.tableName(table).item(item("n", n("1".repeat(39)))))));
            assertEquals("Item size has exceeded the maximum allowed size",
                    validationMessage(() -> dynamo.putItem(b -> b.tableName(table).item(item("big", s("x".repeat(410_000)))))));
        }
    }

    @Test
    void conditionalPutFailsWhenTheItemExistsAndCanReturnIt(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "cond");
            dynamo.putItem(b -> b.tableName(table).item(item("v", n("1"))).conditionExpression("attribute_not_exists(pk)"));
            ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b
                    .tableName(table).item(item("v", n("2"))).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
            assertEquals("1", e.item().get("v").n());
        }
    }

    @Test
    void putReturnsTheOldItemAndDeleteRemovesIt(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "ret");
            dynamo.putItem(b -> b.tableName(table).item(item("v", n("1"))));
            assertEquals("1", dynamo.putItem(b -> b.tableName(table).item(item("v", n("2"))).returnValues(ReturnValue.ALL_OLD))
                    .attributes().get("v").n());
            assertEquals("2", dynamo.deleteItem(b -> b.tableName(table).key(KEY).returnValues(ReturnValue.ALL_OLD))
                    .attributes().get("v").n());
            assertFalse(dynamo.getItem(b -> b.tableName(table).key(KEY)).hasItem());
            assertEquals("ReturnValues can only be ALL_OLD or NONE", validationMessage(() -> dynamo.putItem(b -> b
                    .tableName(table).item(item()).returnValues(ReturnValue.ALL_NEW))));
        }
    }

    @Test
    void updateItemAppliesEveryClauseAndReturnsUpdatedValues(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "upd");
            dynamo.putItem(b -> b.tableName(table).item(item("tags", AttributeValue.fromSs(List.of("a", "b")),
                    "list", AttributeValue.fromL(List.of(s("x"), s("y"))), "gone", s("soon"))));
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table).key(KEY)
                    .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, #l = list_append(#l, :more) "
                            + "REMOVE gone ADD visits :one DELETE tags :a")
                    .expressionAttributeNames(Map.of("#c", "count", "#l", "list"))
                    .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"),
                            ":more", AttributeValue.fromL(List.of(s("z"))), ":a", AttributeValue.fromSs(List.of("a"))))
                    .returnValues(ReturnValue.ALL_NEW));
            Map<String, AttributeValue> after = response.attributes();
            assertEquals("1", after.get("count").n());
            assertEquals("1", after.get("visits").n());
            assertEquals(List.of("b"), after.get("tags").ss());
            assertEquals(3, after.get("list").l().size());
            assertNull(after.get("gone"));
            Map<String, AttributeValue> updatedOld = dynamo.updateItem(b -> b.tableName(table).key(KEY)
                    .updateExpression("SET visits = visits + :one").expressionAttributeValues(Map.of(":one", n("1")))
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes();
            assertEquals(Map.of("visits", n("1")), updatedOld);
        }
    }

    @Test
    void updateErrorsUseAwsWording(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "upderr");
            assertEquals("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: count",
                    validationMessage(() -> dynamo.updateItem(b -> b.tableName(table).key(KEY)
                            .updateExpression("SET count = :v").expressionAttributeValues(Map.of(":v", n("1"))))));
            assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                    validationMessage(() -> dynamo.updateItem(b -> b.tableName(table).key(KEY)
                            .updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", n("1"), ":unused", n("2"))))));
            assertEquals("Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                    + "attribute value: :v", validationMessage(() -> dynamo.updateItem(b -> b.tableName(table).key(KEY)
                            .updateExpression("SET a = :v"))));
            assertEquals("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part "
                    + "of the key", validationMessage(() -> dynamo.updateItem(b -> b.tableName(table).key(KEY)
                            .updateExpression("SET pk = :v").expressionAttributeValues(Map.of(":v", s("x"))))));
            assertEquals("Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"",
                    validationMessage(() -> dynamo.updateItem(b -> b.tableName(table).key(KEY)
                            .updateExpression("ADD hits : incr").expressionAttributeValues(Map.of(":incr", n("1"))))));
        }
    }

    @Test
    void optimisticLockingRejectsEveryStaleWrite(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "version");
            dynamo.putItem(b -> b.tableName(table).item(item("version", n("1"))));
            dynamo.updateItem(b -> b.tableName(table).key(KEY).updateExpression("SET version = :next")
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":next", n("2"), ":expected", n("1"))));
            assertThrows(ConditionalCheckFailedException.class, () -> dynamo.updateItem(b -> b.tableName(table).key(KEY)
                    .updateExpression("SET version = :next").conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":next", n("2"), ":expected", n("1")))));
        }
    }

    @Test
    void eightThreadsAddingOneThousandTimesEachEndAtEightThousand(URI endpoint) throws Exception {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "race");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        dynamo.updateItem(b -> b.tableName(table).key(KEY).updateExpression("ADD #c :one")
                                .expressionAttributeNames(Map.of("#c", "counter"))
                                .expressionAttributeValues(Map.of(":one", n("1"))));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals("8000", dynamo.getItem(b -> b.tableName(table).key(KEY).consistentRead(true))
                    .item().get("counter").n());
        }
    }

    @Test
    void consumedCapacityCountsReadAndWriteUnits(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "cap");
            assertEquals(2.0, dynamo.putItem(b -> b.tableName(table).item(item("d", s("x".repeat(1500))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
            assertEquals(0.5, dynamo.getItem(b -> b.tableName(table).key(KEY)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
            assertEquals(1.0, dynamo.getItem(b -> b.tableName(table).key(KEY).consistentRead(true)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
        }
    }

    @Test
    void legacyParametersStillWork(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "legacy");
            dynamo.putItem(b -> b.tableName(table).item(item("v", n("1"))).expected(Map.of("pk",
                    software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder().exists(false).build())));
            dynamo.updateItem(b -> b.tableName(table).key(KEY).attributeUpdates(Map.of("v",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate.builder().value(n("5"))
                            .action(software.amazon.awssdk.services.dynamodb.model.AttributeAction.ADD).build())));
            assertEquals(Map.of("v", n("6")), dynamo.getItem(b -> b.tableName(table).key(KEY).attributesToGet("v")).item());
        }
    }
}
