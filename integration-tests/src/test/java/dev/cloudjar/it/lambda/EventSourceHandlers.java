package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Functions for event source mapping tests, which write every record they get to the file named
 * by RECORDS_FILE, one JSON line each, so a test reads back what Lambda delivered. A record whose
 * body (SQS) or new image (DynamoDB) contains "fail" fails: with MODE=report it is named in
 * batchItemFailures, otherwise the invocation throws.
 */
final class EventSourceHandlers {
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    static final SdkBytes NODE = FunctionPackages.file("index.js", """
            const fs = require('fs');
            exports.handler = async (event) => {
              for (const r of event.Records) fs.appendFileSync(process.env.RECORDS_FILE, JSON.stringify(r) + '\\n');
              const failed = event.Records.filter((r) => JSON.stringify(r.body ?? r.dynamodb.NewImage ?? {}).includes('fail'));
              if (process.env.MODE === 'report') {
                return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId ?? r.dynamodb.SequenceNumber })) };
              }
              if (failed.length > 0) throw new Error('failed on purpose');
              return {};
            };
            """);

    static final SdkBytes PYTHON = FunctionPackages.file("lambda_function.py", """
            import json
            import os
            def handler(event, context):
                with open(os.environ['RECORDS_FILE'], 'a') as out:
                    for record in event['Records']:
                        out.write(json.dumps(record) + '\\n')
                if any('fail' in json.dumps(r['dynamodb'].get('NewImage')) for r in event['Records']):
                    raise ValueError('failed on purpose')
                return {}
            """);

    private EventSourceHandlers() {
    }

    static Path recordsFile() {
        try {
            Path file = Files.createTempFile("records", ".jsonl");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void createNodeFunction(LambdaClient lambda, String name, Path records, String mode) {
        createNodeFunction(lambda, name, records, mode, 3);
    }

    /** A function with a timeout: an SQS source's visibility timeout must be as long at least. */
    static void createNodeFunction(LambdaClient lambda, String name, Path records, String mode, int timeoutSeconds) {
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(NODE)).timeout(timeoutSeconds)
                .environment(e -> e.variables(Map.of("RECORDS_FILE", records.toString(), "MODE", mode))));
    }

    static void createPythonFunction(LambdaClient lambda, String name, Path records) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.11").handler("lambda_function.handler").role(ROLE)
                .code(c -> c.zipFile(PYTHON)).environment(e -> e.variables(Map.of("RECORDS_FILE", records.toString()))));
    }

    /** The records written so far. */
    static List<JsonNode> records(Path file) {
        try {
            List<JsonNode> records = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the function has written at least {@code count} records. */
    static List<JsonNode> awaitRecords(Path file, int count) {
        await(() -> records(file).size() >= count, "the function did not get " + count + " records in " + DEADLINE);
        return records(file);
    }

    static void await(BooleanSupplier condition, String failure) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(failure);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** A table keyed by the string "id" with its stream on; returns the stream's ARN. */
    static String streamTable(DynamoDbClient dynamodb, String name, StreamViewType viewType) {
        return dynamodb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)))
                .tableDescription().latestStreamArn();
    }

    /** The one message that arrives in the queue within 20 seconds, read as JSON (an OnFailure record). */
    static JsonNode receiveJson(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        try {
            return JSON.readTree(messages.get(0).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** ApproximateNumberOfMessages plus ApproximateNumberOfMessagesNotVisible. */
    static int messagesIn(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
