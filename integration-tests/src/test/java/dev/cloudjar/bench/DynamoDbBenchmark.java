package dev.cloudjar.bench;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * Prints DynamoDB throughput through the SDK v2 client; asserts nothing. Run from the repository
 * root (the reactor builds the modules, nothing is installed):
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl integration-tests -am -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "integration-tests/target/test-classes:$(cat /tmp/cp.txt)" dev.cloudjar.bench.DynamoDbBenchmark
 * </pre>
 * PutItem, GetItem, Query of a 100-item partition and Scan pages at 1 and 8 threads over a
 * 100,000-item table, then the time of that Query with 100,000 and 1,000,000 items in the table.
 * With the argument {@code GetItem [rounds]}, only GetItem at 8 threads over 10,000 items, round
 * after round (5 s each), so a profiler can attach ({@code jcmd <pid> JFR.start}) to a steady state.
 */
public final class DynamoDbBenchmark {
    private static final int ITEMS = 100_000;
    private static final int PARTITION = 100;
    private static final long SECONDS = 5;

    private DynamoDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("GetItem")) {
            getItemOnly(args.length > 1 ? Integer.parseInt(args[1]) : 3);
            return;
        }
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build());
             DynamoDbClient dynamo = client(URI.create(server.endpoint()))) {
            String table = "bench";
            dynamo.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE")));
            long t0 = System.nanoTime();
            load(dynamo, table, 0, ITEMS);
            System.out.printf("loaded %,d items in %.1f s (BatchWriteItem)%n", ITEMS, (System.nanoTime() - t0) / 1e9);
            for (int threads : new int[]{1, 8}) {
                System.out.printf("%d thread(s):%n", threads);
                report("PutItem", threads, i -> dynamo.putItem(b -> b.tableName(table).item(item("extra" + i, i))));
                report("GetItem", threads, i -> dynamo.getItem(b -> b.tableName(table).key(key(random(ITEMS)))));
                report("Query (100 items)", threads, i -> dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", partition(random(ITEMS))))));
                report("Scan (page of 100)", threads, i -> dynamo.scan(b -> b.tableName(table).limit(100)
                        .exclusiveStartKey(key(random(ITEMS)))));
            }
            double queryAt100k = queryMillis(dynamo, table);
            load(dynamo, table, ITEMS, 1_000_000);
            double queryAt1m = queryMillis(dynamo, table);
            System.out.printf("Query (100 items) mean latency: %.3f ms at 100,000 items, %.3f ms at 1,000,000 items%n",
                    queryAt100k, queryAt1m);
        }
    }

    private static void getItemOnly(int rounds) throws Exception {
        int items = 10_000;
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build());
             DynamoDbClient dynamo = client(URI.create(server.endpoint()))) {
            String table = "bench";
            dynamo.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE")));
            load(dynamo, table, 0, items);
            System.out.printf("pid %d, %,d items loaded%n", ProcessHandle.current().pid(), items);
            for (int round = 0; round < rounds; round++) {
                report("GetItem (8 threads)", 8, i -> dynamo.getItem(b -> b.tableName(table).key(key(random(items)))));
            }
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
                .build();
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static AttributeValue partition(int i) {
        return AttributeValue.fromS("p" + i / PARTITION);
    }

    private static Map<String, AttributeValue> key(int i) {
        return Map.of("pk", partition(i), "sk", AttributeValue.fromN(Integer.toString(i % PARTITION)));
    }

    private static Map<String, AttributeValue> item(String pk, int i) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(i)),
                "payload", AttributeValue.fromS("x".repeat(200)));
    }

    private static void load(DynamoDbClient dynamo, String table, int from, int to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int start = from; start < to; start += 25) {
            int first = start;
            done.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = first; i < Math.min(first + 25, to); i++) {
                    Map<String, AttributeValue> item = new java.util.HashMap<>(key(i));
                    item.put("payload", AttributeValue.fromS("x".repeat(200)));
                    writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                }
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static void report(String name, int threads, IntConsumer call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    call.accept((int) n++);
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> c : counts) {
            total += c.get();
        }
        pool.shutdown();
        System.out.printf("  %-20s %,10.0f ops/s%n", name, total / (double) SECONDS);
    }

    private static double queryMillis(DynamoDbClient dynamo, String table) {
        int runs = 2000;
        for (int i = 0; i < 200; i++) {
            dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", partition(random(ITEMS)))));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", partition(random(ITEMS)))));
        }
        return (System.nanoTime() - t0) / 1e6 / runs;
    }
}
