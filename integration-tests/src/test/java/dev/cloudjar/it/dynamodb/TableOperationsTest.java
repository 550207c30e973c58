package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.util.Map;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.createTable;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class TableOperationsTest {

    @Test
    void createdTableIsDescribedListedAndDeleted(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String name = createTable(dynamo, "tables");
            dynamo.putItem(b -> b.tableName(name).item(Map.of("pk", s("a"), "sk", n("1"))));
            TableDescription table = dynamo.describeTable(b -> b.tableName(name)).table();
            assertEquals(TableStatus.ACTIVE, table.tableStatus());
            assertEquals(1L, table.itemCount());
            assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/" + name, table.tableArn());
            assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
            assertTrue(dynamo.listTables().tableNames().contains(name));
            dynamo.deleteTable(b -> b.tableName(name));
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> dynamo.describeTable(b -> b.tableName(name)));
            assertEquals("Requested resource not found: Table: " + name + " not found", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void creatingAnExistingTableFailsWithResourceInUse(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String name = createTable(dynamo, "dup");
            ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> dynamo.createTable(b -> b
                    .tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())));
            assertEquals("Table already exists: " + name, e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void keyAttributesMustBeDefinedExactly(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b
                    .tableName(uniqueName("bad")).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("other").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())));
            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                    "One or more parameter values were invalid: Some index key attributes are not defined"));
        }
    }

    @Test
    void provisionedTablesNeedThroughput(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b
                    .tableName(uniqueName("prov"))
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())));
            assertEquals("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
                    + "both be specified when BillingMode is PROVISIONED", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aGlobalIndexAddedLaterIsBackfilled(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String name = createTable(dynamo, "backfill");
            dynamo.putItem(b -> b.tableName(name).item(Map.of("pk", s("a"), "sk", n("1"), "color", s("red"))));
            dynamo.putItem(b -> b.tableName(name).item(Map.of("pk", s("b"), "sk", n("1"))));
            dynamo.updateTable(b -> b.tableName(name)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("color").attributeType(ScalarAttributeType.S).build())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                            .keySchema(KeySchemaElement.builder().attributeName("color").keyType(KeyType.HASH).build())
                            .projection(p -> p.projectionType(ProjectionType.ALL)))));
            assertEquals(1, dynamo.query(b -> b.tableName(name).indexName("byColor")
                    .keyConditionExpression("color = :c").expressionAttributeValues(Map.of(":c", s("red")))).count());
        }
    }

    @Test
    void timeToLiveAndTagsAreKept(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String name = createTable(dynamo, "ttl");
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
            assertEquals("expires", dynamo.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().attributeName());
            String arn = dynamo.describeTable(b -> b.tableName(name)).table().tableArn();
            dynamo.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("core")));
            assertEquals("core", dynamo.listTagsOfResource(b -> b.resourceArn(arn)).tags().get(0).value());
            dynamo.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
            assertTrue(dynamo.listTagsOfResource(b -> b.resourceArn(arn)).tags().isEmpty());
        }
    }

    @Test
    void createTableWithAGlobalIndexDescribesIt(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String name = uniqueName("gsi");
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                            .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
            TableDescription table = dynamo.describeTable(b -> b.tableName(name)).table();
            assertEquals("byG", table.globalSecondaryIndexes().get(0).indexName());
            assertEquals(ProjectionType.KEYS_ONLY, table.globalSecondaryIndexes().get(0).projection().projectionType());
        }
    }
}
