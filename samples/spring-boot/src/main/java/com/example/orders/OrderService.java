package com.example.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Places orders: the pricing Lambda function prices them, S3 keeps each order's receipt, the DynamoDB table its
 * status, and the SQS queue tells the warehouse. All JSON goes through Spring's {@link ObjectMapper}.
 */
@Service
public class OrderService {
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final LambdaClient lambda;
    private final ObjectMapper json;
    private final OrdersProperties names;

    public OrderService(S3Client s3, DynamoDbClient dynamo, SqsClient sqs, LambdaClient lambda, ObjectMapper json,
                        OrdersProperties names) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.lambda = lambda;
        this.json = json;
        this.names = names;
    }

    public PlacedOrder place(Order order) {
        Receipt receipt = price(order);
        s3.putObject(b -> b.bucket(names.bucket()).key(receiptKey(order.id())).contentType("application/json"),
                RequestBody.fromBytes(write(receipt)));
        PlacedOrder placed = new PlacedOrder(order.id(), order.customer(), receipt.total(), "PLACED");
        dynamo.putItem(b -> b.tableName(names.table()).item(Map.of(
                "id", AttributeValue.fromS(placed.id()),
                "customer", AttributeValue.fromS(placed.customer()),
                "total", AttributeValue.fromN(placed.total().toPlainString()),
                "status", AttributeValue.fromS(placed.status()))));
        String event = new String(write(new OrderPlaced(order.id(), order.customer(), receipt.total())), UTF_8);
        sqs.sendMessage(b -> b.queueUrl(queueUrl()).messageBody(event));
        return placed;
    }

    public Optional<PlacedOrder> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(names.table()).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(id)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlacedOrder(item.get("id").s(), item.get("customer").s(),
                new BigDecimal(item.get("total").n()), item.get("status").s()));
    }

    public Receipt receipt(String id) {
        return read(s3.getObjectAsBytes(b -> b.bucket(names.bucket()).key(receiptKey(id))).asByteArray(), Receipt.class);
    }

    /** Takes (receives and deletes) the order events waiting in the queue, at most ten at a time. */
    public List<OrderPlaced> takeEvents() {
        String queueUrl = queueUrl();
        List<OrderPlaced> events = new ArrayList<>();
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()) {
            events.add(read(message.body().getBytes(UTF_8), OrderPlaced.class));
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return events;
    }

    /** Asks the pricing function, synchronously, what the order costs. */
    public Receipt price(Order order) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(names.pricingFunction())
                .payload(SdkBytes.fromByteArray(write(order))));
        String payload = response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new IllegalStateException("the pricing function failed: " + payload);
        }
        Pricing pricing = read(payload.getBytes(UTF_8), Pricing.class);
        return new Receipt(order, pricing.total(), pricing.discount(), pricing.pricedBy());
    }

    static String receiptKey(String orderId) {
        return "receipts/" + orderId + ".json";
    }

    private String queueUrl() {
        return sqs.getQueueUrl(b -> b.queueName(names.queue())).queueUrl();
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pricing function's answer. */
    record Pricing(BigDecimal total, BigDecimal discount, String pricedBy) {
    }
}
