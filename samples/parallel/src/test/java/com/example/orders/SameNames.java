package com.example.orders;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The resources every test class creates under the same names, each holding that class's own data: the object
 * order-1.json and the item order-1 (the same key in every class, so a shared store would keep only the last writer's),
 * a key and an item named after the class (a shared store would list all four), one message, and a function that
 * answers with the class's name.
 */
final class SameNames {
    static final String BUCKET = "orders";
    static final String TABLE = "Orders";
    static final String QUEUE = "orders";
    static final String FUNCTION = "orders";

    private SameNames() {
    }

    static void create(Aws aws, String owner, FunctionCode function) {
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        aws.s3().putObject(b -> b.bucket(BUCKET).key("order-1.json"), RequestBody.fromString(ownerJson(owner)));
        aws.s3().putObject(b -> b.bucket(BUCKET).key("placed-by/" + owner + ".json"), RequestBody.fromString(ownerJson(owner)));

        aws.dynamo().createTable(b -> b.tableName(TABLE)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        aws.dynamo().waiter().waitUntilTableExists(b -> b.tableName(TABLE));
        for (String id : List.of("order-1", "placed-by/" + owner)) {
            aws.dynamo().putItem(b -> b.tableName(TABLE).item(Map.of(
                    "id", AttributeValue.fromS(id), "owner", AttributeValue.fromS(owner))));
        }

        String queueUrl = aws.sqs().createQueue(b -> b.queueName(QUEUE)).queueUrl();
        aws.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(ownerJson(owner)));

        aws.lambda().createFunction(b -> b.functionName(FUNCTION).runtime(function.runtime()).handler(function.handler())
                .role(Aws.ROLE).code(c -> c.zipFile(function.zip())).timeout(30)
                .environment(e -> e.variables(Map.of("OWNER", owner))));
        aws.lambda().waiter().waitUntilFunctionActiveV2(b -> b.functionName(FUNCTION));
    }

    /** Only the class's own data is under the shared names. The one test of a class that reads the queue "orders". */
    static void assertSeesOnlyItsOwn(Aws aws, String owner) {
        // S3
        assertEquals(owner, FunctionCode.ownerIn(
                aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("order-1.json")).asUtf8String()));
        assertEquals(List.of("placed-by/" + owner + ".json"), aws.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET)
                .prefix("placed-by/")).contents().stream().map(S3Object::key).toList());

        // DynamoDB
        assertEquals(owner, aws.dynamo().getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("order-1")))).item().get("owner").s());
        List<Map<String, AttributeValue>> placed = aws.dynamo().scanPaginator(b -> b.tableName(TABLE)
                .filterExpression("begins_with(id, :placed)")
                .expressionAttributeValues(Map.of(":placed", AttributeValue.fromS("placed-by/")))).items().stream().toList();
        assertEquals(List.of("placed-by/" + owner), placed.stream().map(item -> item.get("id").s()).toList());

        // SQS: exactly one message, its own.
        String queueUrl = aws.sqs().getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
        List<String> owners = new ArrayList<>();
        for (int receive = 0; receive < 2; receive++) {
            for (Message message : aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                owners.add(FunctionCode.ownerIn(message.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        assertEquals(List.of(owner), owners);

        // Lambda: its own deployment of the function answers.
        InvokeResponse invoked = aws.lambda().invoke(b -> b.functionName(FUNCTION)
                .payload(SdkBytes.fromUtf8String("{\"orderId\":\"order-1\"}")));
        assertNull(invoked.functionError(), invoked.payload().asUtf8String());
        assertEquals(owner, FunctionCode.ownerIn(invoked.payload().asUtf8String()));
        assertEquals(owner, aws.lambda().getFunctionConfiguration(b -> b.functionName(FUNCTION))
                .environment().variables().get("OWNER"));
    }

    static String ownerJson(String owner) {
        return "{\"owner\":\"" + owner + "\"}";
    }
}
