package dev.cloudjar.it.process;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar with {@code --state-url} on a real PostgreSQL (named by {@code CLOUDJAR_TEST_POSTGRES_URL},
 * which {@code .ci/run} sets; skipped with a message elsewhere, failed in CI without it): what is
 * written is in the database, and survives a {@code kill -9} and a restart.
 */
class PostgresStateProcessTest {
    private static final String URL = System.getenv("CLOUDJAR_TEST_POSTGRES_URL");

    @BeforeAll
    static void needsPostgres() {
        if ("true".equals(System.getenv("CI"))) {
            assertNotNull(URL, "CI must set CLOUDJAR_TEST_POSTGRES_URL (.ci/run starts PostgreSQL)");
        }
        assumeTrue(URL != null, "CLOUDJAR_TEST_POSTGRES_URL is not set: the PostgreSQL state test is skipped");
    }

    /** A fresh database for the test; returns its URL. */
    private static String newDatabase() throws Exception {
        String database = "cloudjar_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        int query = URL.indexOf('?');
        String base = query < 0 ? URL : URL.substring(0, query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return base.substring(0, slash) + "/" + database + (query < 0 ? "" : URL.substring(query));
    }

    @Test
    void writesLiveInTheDatabaseAndSurviveAKill(@TempDir Path data) throws Exception {
        String database = newDatabase();
        int port = ServerJarTest.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        byte[] body = "kept by PostgreSQL and the data dir".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (ServerJarTest.Started server = S3ProcessTest.server(port, "--state-url", database, "--data-dir", data.toString());
             S3Client s3 = Clients.s3(endpoint); DynamoDbClient dynamo = Clients.dynamodb(endpoint);
             SqsClient sqs = Clients.sqs(endpoint)) {
            s3.createBucket(b -> b.bucket("shared"));
            s3.putObject(b -> b.bucket("shared").key("k"), RequestBody.fromBytes(body));
            dynamo.createTable(b -> b.tableName("counters").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            for (int i = 0; i < 10; i++) {
                dynamo.updateItem(b -> b.tableName("counters").key(Map.of("id", AttributeValue.fromS("hits")))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            }
            String queue = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("still here"));
            server.process().destroyForcibly();
            server.process().waitFor();
        }
        try (Connection c = DriverManager.getConnection(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(DISTINCT keyspace) FROM cloudjar_entries")) {
            assertTrue(rows.next());
            assertTrue(rows.getInt(1) >= 3, "S3, DynamoDB and SQS keyspaces are in the database: " + rows.getInt(1));
        }
        try (ServerJarTest.Started server = S3ProcessTest.server(port, "--state-url", database, "--data-dir", data.toString());
             S3Client s3 = Clients.s3(endpoint); DynamoDbClient dynamo = Clients.dynamodb(endpoint);
             SqsClient sqs = Clients.sqs(endpoint)) {
            assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket("shared").key("k")).asByteArray());
            assertEquals("10", dynamo.getItem(b -> b.tableName("counters").consistentRead(true)
                    .key(Map.of("id", AttributeValue.fromS("hits")))).item().get("n").n());
            String queue = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
            assertEquals("still here", sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().get(0).body());
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStateUrlWithoutADataDirIsRefusedWithAMessage() throws Exception {
        int port = ServerJarTest.freePort();
        Processes.Result result = Processes.run(java.util.List.of(ServerJarTest.javaBinary(), "-jar",
                ServerJarTest.JAR.toString(), "--port", String.valueOf(port), "--state-url", URL), Map.of());
        assertTrue(result.exitCode() != 0, "the server refused to start");
        assertTrue(result.output().contains("--state-url needs --data-dir"), result.output());
    }
}
