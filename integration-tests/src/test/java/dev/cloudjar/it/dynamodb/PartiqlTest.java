package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.createTable;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PartiQL against a table keyed by pk (string) and sk (number). */
@Cloudjar
class PartiqlTest {

    private static ExecuteStatementResponse run(DynamoDbClient dynamo, String statement, AttributeValue... parameters) {
        return dynamo.executeStatement(b -> b.statement(statement).parameters(parameters.length == 0 ? null : List.of(parameters)));
    }

    private static Map<String, AttributeValue> get(DynamoDbClient dynamo, String table, String pk, String sk) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk), "sk", n(sk)))).item();
    }

    @Test
    void insertWithLiteralsAndParametersThenSelectByKey(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': ?, 'sk': 1, 'name': 'Ann', 'tags': <<'a', 'b'>>, "
                    + "'address': {'city': 'Oslo'}, 'scores': [1, 2], 'active': true}", s("u1"));

            List<Map<String, AttributeValue>> items = run(dynamo,
                    "SELECT name, address.city FROM \"" + table + "\" WHERE pk = ? AND sk = 1", s("u1")).items();

            assertEquals(List.of(Map.of("name", s("Ann"), "address", AttributeValue.fromM(Map.of("city", s("Oslo"))))), items);
            Map<String, AttributeValue> stored = get(dynamo, table, "u1", "1");
            assertEquals(List.of("a", "b"), stored.get("tags").ss());
            assertEquals(List.of(n("1"), n("2")), stored.get("scores").l());
            assertTrue(stored.get("active").bool());
        }
    }

    @Test
    void insertOfAnExistingKeyFailsWithDuplicateItem(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            String insert = "INSERT INTO \"" + table + "\" VALUE {'pk': 'a', 'sk': 1}";
            run(dynamo, insert);

            DuplicateItemException e = assertThrows(DuplicateItemException.class, () -> run(dynamo, insert));
            assertEquals("Duplicate primary key exists in table", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void selectWithConditionsOnAPartitionAndAcrossTheTable(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            for (int i = 1; i <= 5; i++) {
                run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': 'p', 'sk': " + i + ", 'even': " + (i % 2 == 0) + "}");
            }
            run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': 'q', 'sk': 1, 'even': false}");

            assertEquals(List.of("2", "3", "4"), sks(run(dynamo, "SELECT * FROM \"" + table + "\" WHERE pk = 'p' AND sk BETWEEN 2 AND 4")));
            assertEquals(List.of("2", "4"), sks(run(dynamo, "SELECT * FROM \"" + table + "\" WHERE pk = 'p' AND even = ?",
                    AttributeValue.fromBool(true))));
            assertEquals(List.of("1", "3"), sks(run(dynamo, "SELECT sk FROM \"" + table + "\" WHERE pk = 'p' AND sk IN [1, 3] AND NOT (even = true)")));
            assertEquals(6, run(dynamo, "SELECT * FROM \"" + table + "\"").items().size());
            assertEquals(List.of("q"), run(dynamo, "SELECT pk FROM \"" + table + "\" WHERE sk = 1 AND pk <> 'p'").items().stream()
                    .map(i -> i.get("pk").s()).toList());
            assertEquals(2, run(dynamo, "SELECT * FROM \"" + table + "\" WHERE begins_with(pk, 'p') AND sk > 3").items().size());
            assertEquals(6, run(dynamo, "SELECT * FROM \"" + table + "\" WHERE missing IS MISSING").items().size());
        }
    }

    @Test
    void selectPagesWithLimitAndNextToken(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            for (int i = 1; i <= 5; i++) {
                run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': 'p', 'sk': ?}", n(Integer.toString(i)));
            }
            List<String> seen = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ExecuteStatementResponse page = dynamo.executeStatement(b -> b.statement(
                        "SELECT * FROM \"" + table + "\" WHERE pk = 'p'").limit(2).nextToken(next));
                seen.addAll(sks(page));
                token = page.nextToken();
            } while (token != null);
            assertEquals(List.of("1", "2", "3", "4", "5"), seen);
        }
    }

    @Test
    void updateSetsAndRemovesAttributesOfOneExistingItem(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': 'a', 'sk': 1, 'count': 1, 'old': 'x', 'version': 3}");

            run(dynamo, "UPDATE \"" + table + "\" SET count = count + ? SET label = 'new' REMOVE old WHERE pk = 'a' AND sk = 1 "
                    + "AND version = 3", n("5"));

            Map<String, AttributeValue> item = get(dynamo, table, "a", "1");
            assertEquals("6", item.get("count").n());
            assertEquals("new", item.get("label").s());
            assertFalse(item.containsKey("old"));
            assertThrows(ConditionalCheckFailedException.class, () -> run(dynamo,
                    "UPDATE \"" + table + "\" SET label = 'stale' WHERE pk = 'a' AND sk = 1 AND version = 2"));
            assertThrows(ConditionalCheckFailedException.class, () -> run(dynamo,
                    "UPDATE \"" + table + "\" SET label = 'x' WHERE pk = 'missing' AND sk = 1"));
        }
    }

    @Test
    void deleteRemovesTheItemNamedByItsFullKey(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': 'a', 'sk': 1}");

            run(dynamo, "DELETE FROM \"" + table + "\" WHERE pk = ? AND sk = ?", s("a"), n("1"));

            assertTrue(get(dynamo, table, "a", "1").isEmpty());
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> run(dynamo, "DELETE FROM \"" + table + "\" WHERE pk = 'a'"));
            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void malformedStatementsAndParameterMismatchesAreValidationErrors(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            for (String statement : List.of("SELEC * FROM \"" + table + "\"", "SELECT * FROM \"" + table + "\" WHERE",
                    "INSERT INTO \"" + table + "\" VALUE {'pk': ?, 'sk': 1}")) {
                DynamoDbException e = assertThrows(DynamoDbException.class, () -> run(dynamo, statement));
                assertEquals("ValidationException", e.awsErrorDetails().errorCode(), statement);
            }
        }
    }

    @Test
    void batchExecuteStatementReportsEachStatementsOutcome(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            run(dynamo, "INSERT INTO \"" + table + "\" VALUE {'pk': 'a', 'sk': 1, 'v': 'one'}");
            String quoted = "\"" + table + "\"";

            List<BatchStatementResponse> responses = dynamo.batchExecuteStatement(b -> b.statements(
                    BatchStatementRequest.builder().statement("SELECT v FROM " + quoted + " WHERE pk = 'a' AND sk = 1").build(),
                    BatchStatementRequest.builder().statement("INSERT INTO " + quoted + " VALUE {'pk': 'b', 'sk': 1}").build(),
                    BatchStatementRequest.builder().statement("INSERT INTO " + quoted + " VALUE {'pk': 'a', 'sk': 1}").build()))
                    .responses();

            assertEquals(Map.of("v", s("one")), responses.get(0).item());
            assertNull(responses.get(1).error());
            assertEquals(BatchStatementErrorCodeEnum.DUPLICATE_ITEM, responses.get(2).error().code());
            assertEquals(table, responses.get(2).tableName());
            assertFalse(get(dynamo, table, "b", "1").isEmpty());
        }
    }

    @Test
    void executeTransactionWritesAllOrNothingAndReadsByKey(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "partiql");
            String quoted = "\"" + table + "\"";
            run(dynamo, "INSERT INTO " + quoted + " VALUE {'pk': 'a', 'sk': 1, 'n': 1}");

            dynamo.executeTransaction(b -> b.transactStatements(
                    ParameterizedStatement.builder().statement("UPDATE " + quoted + " SET n = n + 1 WHERE pk = 'a' AND sk = 1").build(),
                    ParameterizedStatement.builder().statement("INSERT INTO " + quoted + " VALUE {'pk': 'b', 'sk': 1}").build()));
            TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.executeTransaction(b -> b
                    .transactStatements(
                            ParameterizedStatement.builder().statement("UPDATE " + quoted + " SET n = 100 WHERE pk = 'a' AND sk = 1").build(),
                            ParameterizedStatement.builder().statement("DELETE FROM " + quoted + " WHERE pk = 'none' AND sk = 1").build())));

            assertEquals(2, e.cancellationReasons().size());
            var read = dynamo.executeTransaction(b -> b.transactStatements(
                    ParameterizedStatement.builder().statement("SELECT n FROM " + quoted + " WHERE pk = ? AND sk = 1")
                            .parameters(s("a")).build(),
                    ParameterizedStatement.builder().statement("SELECT * FROM " + quoted + " WHERE pk = 'b' AND sk = 1").build()));
            assertEquals("2", read.responses().get(0).item().get("n").n());
            assertEquals("b", read.responses().get(1).item().get("pk").s());
        }
    }

    private static List<String> sks(ExecuteStatementResponse response) {
        return response.items().stream().map(i -> i.get("sk").n()).toList();
    }
}
