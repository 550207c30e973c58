package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a lag far longer than any test, eventually consistent reads always see the state before the writes. */
@Cloudjar(options = "dynamodb-eventual-lag-ms=600000")
class EventualConsistencyTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"));

    private static String createTable(DynamoDbClient dynamo) {
        String name = uniqueName("eventual");
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("gk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGk")
                        .keySchema(KeySchemaElement.builder().attributeName("gk").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    @Test
    void eventuallyConsistentGetItemSeesTheOldValueAndConsistentReadTheNew(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "v", s("1"))));
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "v", s("2"))));

            assertFalse(dynamo.getItem(b -> b.tableName(table).key(KEY)).hasItem());
            assertEquals("2", dynamo.getItem(b -> b.tableName(table).key(KEY).consistentRead(true)).item().get("v").s());
        }
    }

    @Test
    void eventuallyConsistentQueryAndScanSeeTheOldValue(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "gk", s("g"))));

            assertTrue(dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :a")
                    .expressionAttributeValues(Map.of(":a", s("a")))).items().isEmpty());
            assertEquals(1, dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :a").consistentRead(true)
                    .expressionAttributeValues(Map.of(":a", s("a")))).count());
            assertTrue(dynamo.scan(b -> b.tableName(table)).items().isEmpty());
            assertEquals(List.of(KEY.get("pk")), dynamo.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                    .map(i -> i.get("pk")).toList());
        }
    }

    @Test
    void globalIndexQueriesLagAndRefuseConsistentReads(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "gk", s("g"))));

            assertTrue(dynamo.query(b -> b.tableName(table).indexName("byGk").keyConditionExpression("gk = :g")
                    .expressionAttributeValues(Map.of(":g", s("g")))).items().isEmpty());
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName(table)
                    .indexName("byGk").keyConditionExpression("gk = :g").consistentRead(true)
                    .expressionAttributeValues(Map.of(":g", s("g")))));
            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertEquals("Consistent reads are not supported on global secondary indexes", e.awsErrorDetails().errorMessage());
        }
    }
}
