package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.createTable;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB's multi-item operations with one bad entry: AWS rejects the whole request (a
 * ValidationException, or a canceled transaction naming the entry), and nothing in it is written
 * or deleted — the entries before the bad one included.
 */
@Cloudjar
class BatchValidationTest {

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk), "sk", n("1"));
    }

    private static boolean exists(DynamoDbClient dynamo, String table, String pk) {
        return dynamo.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true)).hasItem();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    @Test
    void aBatchWriteWithOneMistypedKeyWritesAndDeletesNothing(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "batch-bad-key");
            dynamo.putItem(b -> b.tableName(table).item(key("kept")));

            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.batchWriteItem(b -> b.requestItems(
                    Map.of(table, List.of(put(key("new")), delete(key("kept")),
                            put(Map.of("pk", s("bad"), "sk", s("not a number"))))))));

            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertEquals("The provided key element does not match the schema", e.awsErrorDetails().errorMessage());
            assertFalse(exists(dynamo, table, "new"), "the put before the bad entry was not written");
            assertTrue(exists(dynamo, table, "kept"), "the delete before the bad entry did not happen");
        }
    }

    @Test
    void aBatchWriteNamingATableThatDoesNotExistWritesNothingElsewhere(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "batch-missing-table");

            assertThrows(ResourceNotFoundException.class, () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(
                    table, List.of(put(key("new"))), "no-such-table", List.of(put(key("x")))))));

            assertFalse(exists(dynamo, table, "new"));
        }
    }

    @Test
    void aBatchWriteWithTheSameKeyTwiceWritesNothing(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "batch-duplicate");

            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.batchWriteItem(b -> b.requestItems(
                    Map.of(table, List.of(put(key("other")), put(key("twice")), delete(key("twice")))))));

            assertEquals("Provided list of item keys contains duplicates", e.awsErrorDetails().errorMessage());
            assertFalse(exists(dynamo, table, "other"));
        }
    }

    @Test
    void aBatchGetWithOneMistypedKeyIsRefusedAsAWhole(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "batch-get");
            dynamo.putItem(b -> b.tableName(table).item(key("there")));

            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.batchGetItem(b -> b.requestItems(Map.of(
                    table, KeysAndAttributes.builder().keys(key("there"), Map.of("pk", s("bad"), "sk", s("x"))).build()))));

            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertEquals("The provided key element does not match the schema", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aTransactionWithOneMistypedKeyIsCanceledAndWritesNothing(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "tx-bad-key");
            dynamo.putItem(b -> b.tableName(table).item(key("kept")));

            TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(b -> b
                    .transactItems(TransactWriteItem.builder().put(p -> p.tableName(table).item(key("new"))).build(),
                            TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("kept"))).build(),
                            TransactWriteItem.builder().delete(d -> d.tableName(table)
                                    .key(Map.of("pk", s("bad"), "sk", s("x")))).build())));

            assertEquals(List.of("None", "None", "ValidationError"),
                    e.cancellationReasons().stream().map(CancellationReason::code).toList());
            assertFalse(exists(dynamo, table, "new"));
            assertTrue(exists(dynamo, table, "kept"));
        }
    }

    /**
     * DynamoDB API Reference, TransactWriteItems ClientRequestToken: a token makes identical calls
     * idempotent once the transaction happened. A canceled transaction did not happen, so the same
     * request with the same token runs again — it once answered success and wrote nothing.
     */
    @Test
    void aCanceledTransactionRetriedWithItsTokenRunsAgain(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "tx-token-retry");
            dynamo.putItem(b -> b.tableName(table).item(key("blocker")));
            List<TransactWriteItem> items = List.of(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(key("written"))).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("blocker"))
                            .conditionExpression("attribute_not_exists(pk)")).build());

            assertThrows(TransactionCanceledException.class,
                    () -> dynamo.transactWriteItems(b -> b.clientRequestToken("retry-me").transactItems(items)));
            dynamo.deleteItem(b -> b.tableName(table).key(key("blocker")));
            dynamo.transactWriteItems(b -> b.clientRequestToken("retry-me").transactItems(items));

            assertTrue(exists(dynamo, table, "written"));
        }
    }

    @Test
    void aTransactGetWithOneMistypedKeyIsCanceledWithItsReason(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "tx-get");

            TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.transactGetItems(b -> b
                    .transactItems(t -> t.get(g -> g.tableName(table).key(key("a"))),
                            t -> t.get(g -> g.tableName(table).key(Map.of("pk", s("bad"), "sk", s("x")))))));

            assertEquals(List.of("None", "ValidationError"),
                    e.cancellationReasons().stream().map(CancellationReason::code).toList());
        }
    }
}
