package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event invocations: retries with Lambda's back-off (scaled down), dead-letter queues and destinations on SQS. */
@Cloudjar(options = "lambda-retry-delay-scale=0.005")
class LambdaAsyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    /** Counts its invocations in a file, then fails when the event asks it to. */
    private static final SdkBytes COUNTING = FunctionPackages.file("index.js", """
            const fs = require('fs');
            exports.handler = async (event) => {
              fs.appendFileSync(process.env.COUNT_FILE, 'x\\n');
              if (event.fail) throw new Error('failed on purpose');
              return { ok: true, order: event.order };
            };
            """);

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static Message receive(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).messageAttributeNames("All"))
                .messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        return messages.get(0);
    }

    private static Path counter() throws IOException {
        Path file = Files.createTempFile("invocations", ".txt");
        file.toFile().deleteOnExit();
        return file;
    }

    private static void create(LambdaClient lambda, String name, Path counter, String deadLetterArn) {
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(COUNTING)).environment(e -> e.variables(Map.of("COUNT_FILE", counter.toString())))
                .deadLetterConfig(d -> d.targetArn(deadLetterArn)));
    }

    private static void invokeAsync(LambdaClient lambda, String name, String event) {
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(event))).statusCode());
    }

    @Test
    void aFailingEventIsTriedThreeTimesThenSentToTheDeadLetterQueue(URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = queue(sqs, "async-dlq");
            Path counter = counter();
            create(lambda, "async-failing", counter, arn(sqs, dlq));

            invokeAsync(lambda, "async-failing", "{\"fail\":true,\"order\":7}");

            Message dead = receive(sqs, dlq);
            assertEquals("{\"fail\":true,\"order\":7}", dead.body());
            assertEquals("failed on purpose", dead.messageAttributes().get("ErrorMessage").stringValue());
            assertEquals("200", dead.messageAttributes().get("ErrorCode").stringValue());
            assertTrue(dead.messageAttributes().containsKey("RequestID"));
            assertEquals(3, Files.readAllLines(counter).size());
        }
    }

    @Test
    void withMaximumRetryAttemptsZeroTheEventIsTriedOnce(URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = queue(sqs, "once-dlq");
            Path counter = counter();
            create(lambda, "async-once", counter, arn(sqs, dlq));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("async-once").maximumRetryAttempts(0));

            invokeAsync(lambda, "async-once", "{\"fail\":true}");

            receive(sqs, dlq);
            assertEquals(1, Files.readAllLines(counter).size());
        }
    }

    @Test
    void destinationsReceiveLambdasInvocationRecords(URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String onSuccess = queue(sqs, "on-success");
            String onFailure = queue(sqs, "on-failure");
            String counter = counter().toString();
            lambda.createFunction(b -> b.functionName("async-destinations").runtime("nodejs20.x").handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(COUNTING))
                    .environment(e -> e.variables(Map.of("COUNT_FILE", counter))));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("async-destinations").maximumRetryAttempts(0)
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(arn(sqs, onSuccess)))
                            .onFailure(f -> f.destination(arn(sqs, onFailure)))));

            invokeAsync(lambda, "async-destinations", "{\"order\":1}");
            invokeAsync(lambda, "async-destinations", "{\"fail\":true,\"order\":2}");

            JsonNode success = JSON.readTree(receive(sqs, onSuccess).body());
            assertEquals("1.0", success.get("version").asText());
            assertEquals("Success", success.at("/requestContext/condition").asText());
            assertEquals(1, success.at("/requestContext/approximateInvokeCount").asInt());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:async-destinations:$LATEST",
                    success.at("/requestContext/functionArn").asText());
            assertEquals(1, success.at("/requestPayload/order").asInt());
            assertEquals(200, success.at("/responseContext/statusCode").asInt());
            assertEquals(1, success.at("/responsePayload/order").asInt());

            JsonNode failure = JSON.readTree(receive(sqs, onFailure).body());
            assertEquals("RetriesExhausted", failure.at("/requestContext/condition").asText());
            assertEquals(2, failure.at("/requestPayload/order").asInt());
            assertEquals("Unhandled", failure.at("/responseContext/functionError").asText());
            assertEquals("failed on purpose", failure.at("/responsePayload/errorMessage").asText());
        }
    }
}
