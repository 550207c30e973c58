package dev.cloudjar.it.dynamodb;

import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.createTable;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class QueryAndBatchTest {

    private static String tableWithPartition(DynamoDbClient dynamo, int items) {
        String table = createTable(dynamo, "query");
        for (int i = 0; i < items; i++) {
            int sk = i;
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("p"), "sk", n(Integer.toString(sk)),
                    "even", AttributeValue.fromBool(sk % 2 == 0))));
        }
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("other"), "sk", n("1"))));
        return table;
    }

    @Test
    void queryReturnsAPartitionInSortKeyOrderBothWays(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = tableWithPartition(dynamo, 12);
            QueryResponse forward = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                    .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("2"), ":b", n("10"))));
            assertEquals(9, forward.count());
            assertEquals("2", forward.items().get(0).get("sk").n());
            assertEquals("10", forward.items().get(8).get("sk").n());
            QueryResponse backward = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk < :b")
                    .expressionAttributeValues(Map.of(":p", s("p"), ":b", n("3"))).scanIndexForward(false));
            assertEquals(List.of("2", "1", "0"), backward.items().stream().map(i -> i.get("sk").n()).toList());
        }
    }

    @Test
    void limitAppliesBeforeTheFilterAndPagesResumeFromLastEvaluatedKey(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = tableWithPartition(dynamo, 10);
            QueryResponse first = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .filterExpression("even = :t").limit(4)
                    .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true))));
            assertEquals(4, first.scannedCount());
            assertEquals(2, first.count());
            assertEquals(Map.of("pk", s("p"), "sk", n("3")), first.lastEvaluatedKey());
            QueryResponse rest = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .exclusiveStartKey(first.lastEvaluatedKey()).expressionAttributeValues(Map.of(":p", s("p"))));
            assertEquals(6, rest.count());
            assertTrue(rest.lastEvaluatedKey().isEmpty());
        }
    }

    @Test
    void selectCountReturnsOnlyCounts(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = tableWithPartition(dynamo, 5);
            QueryResponse count = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .select(Select.COUNT).expressionAttributeValues(Map.of(":p", s("p"))));
            assertEquals(5, count.count());
            assertFalse(count.hasItems());
        }
    }

    @Test
    void keyConditionErrorsUseAwsWording(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = tableWithPartition(dynamo, 1);
            DynamoDbException missing = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("sk = :v").expressionAttributeValues(Map.of(":v", n("1")))));
            assertEquals("Query condition missed key schema element: pk", missing.awsErrorDetails().errorMessage());
            DynamoDbException or = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p OR sk = :v").expressionAttributeValues(Map.of(":p", s("p"), ":v", n("1")))));
            assertEquals("Invalid operator used in KeyConditionExpression: OR", or.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void scanSegmentsTogetherCoverTheTableOnce(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "scan");
            for (int i = 0; i < 40; i++) {
                int k = i;
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("key" + k), "sk", n("0"))));
            }
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (int segment = 0; segment < 4; segment++) {
                int seg = segment;
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    ScanResponse page = dynamo.scan(b -> b.tableName(table).segment(seg).totalSegments(4).limit(7)
                            .exclusiveStartKey(from));
                    page.items().forEach(i -> seen.add(i.get("pk").s()));
                    total += page.count();
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (start != null);
            }
            assertEquals(40, total);
            assertEquals(40, seen.size());
        }
    }

    @Test
    void batchWriteThenBatchGet(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "batch");
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int k = i;
                writes.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("k" + k), "sk", n("1")))).build());
            }
            assertTrue(dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes))).unprocessedItems().isEmpty());
            var got = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, software.amazon.awssdk.services.dynamodb.model
                    .KeysAndAttributes.builder().keys(Map.of("pk", s("k1"), "sk", n("1")), Map.of("pk", s("k2"), "sk", n("1")),
                            Map.of("pk", s("none"), "sk", n("1"))).build())));
            assertEquals(2, got.responses().get(table).size());
            DynamoDbException duplicates = assertThrows(DynamoDbException.class, () -> dynamo.batchWriteItem(b -> b
                    .requestItems(Map.of(table, List.of(writes.get(0), writes.get(0))))));
            assertEquals("Provided list of item keys contains duplicates", duplicates.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aFailedConditionCancelsTheWholeTransactionWithReasonsInOrder(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "tx");
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("exists"), "sk", n("1"))));
            TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(b -> b
                    .transactItems(
                            TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("new"), "sk", n("1")))).build(),
                            TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("exists"), "sk", n("1")))
                                    .conditionExpression("attribute_not_exists(pk)")).build())));
            assertEquals(List.of("None", "ConditionalCheckFailed"),
                    e.cancellationReasons().stream().map(CancellationReason::code).toList());
            assertFalse(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s("new"), "sk", n("1")))).hasItem());
            dynamo.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s("exists"), "sk", n("1")))
                            .updateExpression("ADD c :one").expressionAttributeValues(Map.of(":one", n("1")))).build()));
            dynamo.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s("exists"), "sk", n("1")))
                            .updateExpression("ADD c :one").expressionAttributeValues(Map.of(":one", n("1")))).build()));
            var got = dynamo.transactGetItems(b -> b.transactItems(t -> t.get(g -> g.tableName(table)
                    .key(Map.of("pk", s("exists"), "sk", n("1"))))));
            assertEquals("1", got.responses().get(0).item().get("c").n());
        }
    }

    @Test
    void globalIndexesAreSparseAndRefuseConsistentReads(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = uniqueName("sparse");
            dynamo.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("status").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .globalSecondaryIndexes(g -> g.indexName("byStatus").keySchema(k -> k.attributeName("status").keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "status", s("open"), "extra", s("x"))));
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("b"))));
            ScanResponse index = dynamo.scan(b -> b.tableName(table).indexName("byStatus"));
            assertEquals(1, index.count());
            assertNull(index.items().get(0).get("extra"));
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName(table)
                    .indexName("byStatus").consistentRead(true).keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("open")))));
            assertEquals("Consistent reads are not supported on global secondary indexes", e.awsErrorDetails().errorMessage());
        }
    }

    /** An Enhanced Client bean with a global secondary index on its email. */
    @DynamoDbBean
    public static class Customer {
        private String id;
        private String email;
        private Integer orders;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        @DynamoDbSecondaryPartitionKey(indexNames = "byEmail")
        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public Integer getOrders() {
            return orders;
        }

        public void setOrders(Integer orders) {
            this.orders = orders;
        }
    }

    @Test
    void enhancedClientBeanWithAGlobalIndex(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
            DynamoDbTable<Customer> customers = enhanced.table(uniqueName("customers"), TableSchema.fromBean(Customer.class));
            customers.createTable(CreateTableEnhancedRequest.builder().globalSecondaryIndices(EnhancedGlobalSecondaryIndex
                    .builder().indexName("byEmail").projection(p -> p.projectionType(ProjectionType.ALL)).build()).build());
            Customer c = new Customer();
            c.setId("c1");
            c.setEmail("ann@example.com");
            c.setOrders(3);
            customers.putItem(c);
            assertEquals(3, customers.getItem(Key.builder().partitionValue("c1").build()).getOrders());
            DynamoDbIndex<Customer> byEmail = customers.index("byEmail");
            List<Customer> found = byEmail.query(QueryConditional.keyEqualTo(Key.builder().partitionValue("ann@example.com").build()))
                    .stream().flatMap(p -> p.items().stream()).toList();
            assertEquals("c1", found.get(0).getId());
        }
    }

    @Test
    void boto3TableResourcePutsQueriesAndUpdates(URI endpoint) throws Exception {
        String table = uniqueName("boto3");
        String script = "import boto3\n"
                + "from boto3.dynamodb.conditions import Key\n"
                + "d = boto3.resource('dynamodb', endpoint_url='" + endpoint + "', region_name='us-east-1',"
                + " aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "t = d.create_table(TableName='" + table + "', BillingMode='PAY_PER_REQUEST',"
                + " KeySchema=[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],"
                + " AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'N'}])\n"
                + "t.wait_until_exists()\n"
                + "for i in range(3):\n"
                + "    t.put_item(Item={'pk': 'p', 'sk': i, 'name': 'n%d' % i})\n"
                + "t.update_item(Key={'pk': 'p', 'sk': 0}, UpdateExpression='ADD visits :one',"
                + " ExpressionAttributeValues={':one': 1})\n"
                + "r = t.query(KeyConditionExpression=Key('pk').eq('p') & Key('sk').gte(1))\n"
                + "print(r['Count'], t.get_item(Key={'pk': 'p', 'sk': 0})['Item']['visits'])\n";
        Processes.Result result = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("2 1", result.output().trim());
    }

    @Test
    void awsCliCreatesPutsAndScans(URI endpoint) throws Exception {
        String table = uniqueName("cli");
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1");
        List<String> base = List.of("aws", "--endpoint-url", endpoint.toString(), "dynamodb");
        assertEquals(0, run(base, env, "create-table", "--table-name", table, "--billing-mode", "PAY_PER_REQUEST",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH").exitCode());
        assertEquals(0, run(base, env, "put-item", "--table-name", table, "--item", "{\"id\":{\"S\":\"one\"}}").exitCode());
        Processes.Result scan = run(base, env, "scan", "--table-name", table, "--query", "Count", "--output", "text");
        assertEquals(0, scan.exitCode(), scan.output());
        assertEquals("1", scan.output().trim());
    }

    private static Processes.Result run(List<String> base, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        return Processes.run(command, env);
    }
}
