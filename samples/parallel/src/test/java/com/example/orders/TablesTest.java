package com.example.orders;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mostly DynamoDB; its function "orders" is Python. Its methods run concurrently with each other and with the other classes. */
@Cloudjar
class TablesTest {
    private static final String OWNER = TablesTest.class.getSimpleName();
    private static Aws aws;

    @BeforeAll
    static void createTheSameNamesAsTheOtherClasses(URI endpoint) {
        AllAtOnce.serverStarted(TablesTest.class, endpoint);
        aws = Aws.at(endpoint);
        try {
            SameNames.create(aws, OWNER, FunctionCode.PYTHON_OWNER);
        } finally {
            AllAtOnce.resourcesCreated();
        }
    }

    @AfterAll
    static void closeClients() {
        aws.close();
    }

    @Test
    void seesOnlyItsOwnOrders(URI endpoint) {
        AllAtOnce.assertFourServersOnFourEndpoints(TablesTest.class, endpoint);
        SameNames.assertSeesOnlyItsOwn(aws, OWNER);
    }

    @Test
    void conditionalWritesAndCounters() {
        Map<String, AttributeValue> order = Map.of("id", AttributeValue.fromS("cond-1"), "quantity", AttributeValue.fromN("2"));
        aws.dynamo().putItem(b -> b.tableName(SameNames.TABLE).item(order).conditionExpression("attribute_not_exists(id)"));
        assertThrows(ConditionalCheckFailedException.class, () -> aws.dynamo().putItem(b -> b.tableName(SameNames.TABLE)
                .item(order).conditionExpression("attribute_not_exists(id)")));

        Map<String, AttributeValue> updated = aws.dynamo().updateItem(b -> b.tableName(SameNames.TABLE)
                .key(Map.of("id", AttributeValue.fromS("cond-1")))
                .updateExpression("ADD quantity :more")
                .expressionAttributeValues(Map.of(":more", AttributeValue.fromN("3")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        assertEquals("5", updated.get("quantity").n());
    }

    @Test
    void queriesAnOrdersLinesInKeyOrder() {
        aws.dynamo().createTable(b -> b.tableName("OrderLines")
                .keySchema(k -> k.attributeName("orderId").keyType(KeyType.HASH),
                        k -> k.attributeName("line").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("orderId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("line").attributeType(ScalarAttributeType.N))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        aws.dynamo().waiter().waitUntilTableExists(b -> b.tableName("OrderLines"));

        List<WriteRequest> writes = new ArrayList<>();
        for (int line = 1; line <= 5; line++) {
            writes.add(line("order-1", line));
        }
        writes.add(line("order-2", 1));
        writes.add(line("order-2", 2));
        assertTrue(aws.dynamo().batchWriteItem(b -> b.requestItems(Map.of("OrderLines", writes))).unprocessedItems().isEmpty());

        List<String> lines = aws.dynamo().query(b -> b.tableName("OrderLines").keyConditionExpression("orderId = :o")
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("order-1"))).scanIndexForward(false))
                .items().stream().map(item -> item.get("line").n()).toList();
        assertEquals(List.of("5", "4", "3", "2", "1"), lines);
    }

    /** The condition checks the shared item order-1: it holds this class's name here, whatever the others wrote. */
    @Test
    void aTransactionIsAllOrNothing() {
        aws.dynamo().transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(SameNames.TABLE).item(Map.of("id", AttributeValue.fromS("tx-1")))),
                t -> t.conditionCheck(c -> c.tableName(SameNames.TABLE).key(Map.of("id", AttributeValue.fromS("order-1")))
                        .conditionExpression("#owner = :me").expressionAttributeNames(Map.of("#owner", "owner"))
                        .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(OWNER))))));
        assertTrue(aws.dynamo().getItem(b -> b.tableName(SameNames.TABLE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("tx-1")))).hasItem());

        for (String other : List.of("BucketsTest", "QueuesTest", "FunctionsTest")) {
            String id = "tx-as-" + other;
            TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> aws.dynamo().transactWriteItems(b -> b.transactItems(
                    t -> t.put(p -> p.tableName(SameNames.TABLE).item(Map.of("id", AttributeValue.fromS(id)))),
                    t -> t.conditionCheck(c -> c.tableName(SameNames.TABLE)
                            .key(Map.of("id", AttributeValue.fromS("order-1")))
                            .conditionExpression("#owner = :other").expressionAttributeNames(Map.of("#owner", "owner"))
                            .expressionAttributeValues(Map.of(":other", AttributeValue.fromS(other)))))));
            assertEquals(List.of("None", "ConditionalCheckFailed"),
                    cancelled.cancellationReasons().stream().map(CancellationReason::code).toList());
            assertFalse(aws.dynamo().getItem(b -> b.tableName(SameNames.TABLE).consistentRead(true)
                    .key(Map.of("id", AttributeValue.fromS(id)))).hasItem(),
                    id + " was written although its transaction was cancelled");
        }
    }

    private static WriteRequest line(String orderId, int line) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                "orderId", AttributeValue.fromS(orderId), "line", AttributeValue.fromN(Integer.toString(line)),
                "owner", AttributeValue.fromS(OWNER))).build()).build();
    }
}
