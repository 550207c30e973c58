package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Clients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DynamoDB and DynamoDB Streams (awsJson1_0): a table with a stream and items, and a valid request for each operation. */
final class DynamoDbSeeds {
    private DynamoDbSeeds() {
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", n(sk));
    }

    static List<Seed> seeds(URI endpoint, SdkCapture capture) {
        String tableArn;
        String streamArn;
        try (DynamoDbClient dynamo = Clients.dynamodb(endpoint)) {
            var table = dynamo.createTable(b -> b.tableName("gen").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                            a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(g -> g.indexName("by-g").keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                    .tableDescription();
            tableArn = table.tableArn();
            streamArn = table.latestStreamArn();
            dynamo.putItem(b -> b.tableName("gen").item(Map.of("pk", s("a"), "sk", n("1"), "g", s("x"))));
        }
        Map<String, AttributeValue> item = Map.of("pk", s("a"), "sk", n("2"), "g", s("x"),
                "num", n("-12.5e3"), "bin", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
                "ss", AttributeValue.fromSs(List.of("x", "y")), "ns", AttributeValue.fromNs(List.of("1", "2")),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(s("v"), AttributeValue.fromBool(true))))),
                "nul", AttributeValue.fromNul(true),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("b1"))));
        List<Seed> seeds = new ArrayList<>();
        DynamoDbClient dynamo = capture.client(DynamoDbClient.builder());
        seeds.addAll(capture.capture(dynamo, Protocol.AWS_JSON_1_0, "dynamodb",
                c -> c.createTable(b -> b.tableName("gen-new").billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .tags(t -> t.key("team").value("blue"))),
                c -> c.describeTable(b -> b.tableName("gen")),
                c -> c.listTables(b -> b.limit(10).exclusiveStartTableName("aaa")),
                c -> c.updateTable(b -> b.tableName("gen").billingMode(BillingMode.PAY_PER_REQUEST)),
                c -> c.deleteTable(b -> b.tableName("gen-gone")),
                c -> c.describeTimeToLive(b -> b.tableName("gen")),
                c -> c.updateTimeToLive(b -> b.tableName("gen").timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true))),
                c -> c.tagResource(b -> b.resourceArn(tableArn).tags(t -> t.key("k").value("v"))),
                c -> c.untagResource(b -> b.resourceArn(tableArn).tagKeys("k")),
                c -> c.listTagsOfResource(b -> b.resourceArn(tableArn)),
                c -> c.describeLimits(b -> { }),
                c -> c.describeEndpoints(b -> { }),
                c -> c.putItem(b -> b.tableName("gen").item(item).conditionExpression("attribute_not_exists(#p) OR #n < :v")
                        .expressionAttributeNames(Map.of("#p", "pk", "#n", "num"))
                        .expressionAttributeValues(Map.of(":v", n("100"))).returnValues(ReturnValue.ALL_OLD)),
                c -> c.getItem(b -> b.tableName("gen").key(key("a", "1")).projectionExpression("pk, m.#i[0], #s")
                        .expressionAttributeNames(Map.of("#s", "sk", "#i", "inner")).consistentRead(true)),
                c -> c.updateItem(b -> b.tableName("gen").key(key("a", "1"))
                        .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, l = list_append(:l, :l) ADD ns :ns REMOVE gone")
                        .expressionAttributeNames(Map.of("#c", "count"))
                        .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"),
                                ":l", AttributeValue.fromL(List.of(s("e"))), ":ns", AttributeValue.fromNs(List.of("7"))))
                        .returnValues(ReturnValue.UPDATED_NEW)),
                c -> c.deleteItem(b -> b.tableName("gen").key(key("b", "9")).conditionExpression("attribute_exists(pk)")
                        .returnValues(ReturnValue.ALL_OLD)),
                c -> c.query(b -> b.tableName("gen").keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                        .filterExpression("contains(g, :g) OR size(m) > :one")
                        .expressionAttributeValues(Map.of(":p", s("a"), ":a", n("0"), ":b", n("10"), ":g", s("x"), ":one", n("1")))
                        .limit(5).scanIndexForward(false).exclusiveStartKey(key("a", "5"))),
                c -> c.query(b -> b.tableName("gen").indexName("by-g").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", s("x"))).select(Select.COUNT)),
                c -> c.scan(b -> b.tableName("gen").segment(0).totalSegments(2).limit(10)
                        .filterExpression("attribute_type(num, :t)").expressionAttributeValues(Map.of(":t", s("N")))),
                c -> c.batchGetItem(b -> b.requestItems(Map.of("gen", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                        .builder().keys(key("a", "1"), key("a", "2")).projectionExpression("pk").build()))),
                c -> c.batchWriteItem(b -> b.requestItems(Map.of("gen", List.of(
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item)).build(),
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .deleteRequest(d -> d.key(key("a", "3"))).build())))),
                c -> c.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(
                        t -> t.put(p -> p.tableName("gen").item(Map.of("pk", s("t"), "sk", n("1"))).conditionExpression("attribute_not_exists(pk)")),
                        t -> t.update(u -> u.tableName("gen").key(key("t", "2")).updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", s("w")))),
                        t -> t.delete(d -> d.tableName("gen").key(key("t", "3"))),
                        t -> t.conditionCheck(cc -> cc.tableName("gen").key(key("a", "1")).conditionExpression("attribute_exists(pk)")))),
                c -> c.transactGetItems(b -> b.transactItems(t -> t.get(g -> g.tableName("gen").key(key("a", "1"))),
                        t -> t.get(g -> g.tableName("gen").key(key("a", "2")).projectionExpression("g")))),
                c -> c.executeStatement(b -> b.statement("SELECT * FROM \"gen\" WHERE pk = ? AND sk > ?")
                        .parameters(s("a"), n("0")).limit(5)),
                c -> c.batchExecuteStatement(b -> b.statements(
                        s -> s.statement("INSERT INTO \"gen\" VALUE {'pk': ?, 'sk': ?}").parameters(s("p"), n("1")),
                        s -> s.statement("UPDATE \"gen\" SET v = 1 WHERE pk = 'a' AND sk = 1"))),
                c -> c.executeTransaction(b -> b.transactStatements(
                        s -> s.statement("DELETE FROM \"gen\" WHERE pk = ? AND sk = ?").parameters(s("x"), n("1")))),
                c -> c.listTables(b -> { })));
        DynamoDbStreamsClient streams = capture.client(DynamoDbStreamsClient.builder());
        seeds.addAll(capture.capture(streams, Protocol.AWS_JSON_1_0, "dynamodb",
                c -> c.listStreams(b -> b.tableName("gen").limit(5)),
                c -> c.describeStream(b -> b.streamArn(streamArn).limit(10)),
                c -> c.getShardIterator(b -> b.streamArn(streamArn).shardId("shardId-00000000000000000000-00000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)),
                c -> c.getRecords(b -> b.shardIterator("not-an-iterator").limit(10))));
        return seeds;
    }
}
