package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous invocations' destinations and dead-letter queues that are SNS topics or EventBridge
 * buses, through the SDK v2: Lambda Developer Guide, "Capturing records of Lambda asynchronous
 * invocations" (the invocation record; on a bus, an event with source {@code lambda} and
 * detail-type "Lambda Function Invocation Result - Success" / "- Failure" whose detail is the
 * record) and "Adding a dead-letter queue" (an SNS topic gets the event, with RequestID, ErrorCode
 * and ErrorMessage as message attributes).
 */
@Cloudjar(options = "lambda-retry-delay-scale=0.005")
class LambdaDestinationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final SdkBytes FAILING_ON_REQUEST = FunctionPackages.file("index.js", """
            exports.handler = async (event) => {
              if (event.fail) throw new Error('failed on purpose');
              return { ok: true, order: event.order };
            };
            """);

    /** A topic with a raw-delivery queue subscribed: what the topic publishes arrives as the queue's message. */
    private static String topicWithQueue(SnsClient sns, SqsClient sqs, String name) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String topic = sns.createTopic(b -> b.name(name)).topicArn();
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(Queues.arn(sqs, url))
                .attributes(Map.of("RawMessageDelivery", "true")));
        return topic;
    }

    private static String function(LambdaClient lambda, String name) {
        return lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(FAILING_ON_REQUEST))).functionArn();
    }

    private static void invokeAsync(LambdaClient lambda, String name, String event) {
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(event))).statusCode());
    }

    @Test
    void snsTopicDestinationsPublishTheInvocationRecords(URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             SnsClient sns = Clients.sns(endpoint)) {
            String onSuccess = topicWithQueue(sns, sqs, "record-success");
            String onFailure = topicWithQueue(sns, sqs, "record-failure");
            function(lambda, "to-topics");
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("to-topics").maximumRetryAttempts(0)
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(onSuccess)).onFailure(f -> f.destination(onFailure))));

            invokeAsync(lambda, "to-topics", "{\"order\":1}");
            invokeAsync(lambda, "to-topics", "{\"fail\":true,\"order\":2}");

            JsonNode success = JSON.readTree(Queues.next(sqs, sqs.getQueueUrl(b -> b.queueName("record-success")).queueUrl()).body());
            assertEquals("Success", success.at("/requestContext/condition").asText());
            assertEquals(1, success.at("/requestPayload/order").asInt());
            assertEquals(1, success.at("/responsePayload/order").asInt());
            JsonNode failure = JSON.readTree(Queues.next(sqs, sqs.getQueueUrl(b -> b.queueName("record-failure")).queueUrl()).body());
            assertEquals("RetriesExhausted", failure.at("/requestContext/condition").asText());
            assertEquals(2, failure.at("/requestPayload/order").asInt());
            assertEquals("Unhandled", failure.at("/responseContext/functionError").asText());
            assertEquals("failed on purpose", failure.at("/responsePayload/errorMessage").asText());
        }
    }

    @Test
    void eventBusDestinationsPutTheRecordOnTheBusAsAnEvent(URI endpoint) throws IOException {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String successes = sqs.createQueue(b -> b.queueName("bus-successes")).queueUrl();
            String failures = sqs.createQueue(b -> b.queueName("bus-failures")).queueUrl();
            String bus = events.createEventBus(b -> b.name("lambda-results")).eventBusArn();
            events.putRule(b -> b.name("successes").eventBusName("lambda-results").eventPattern(
                    "{\"source\":[\"lambda\"],\"detail-type\":[\"Lambda Function Invocation Result - Success\"]}"));
            events.putTargets(b -> b.rule("successes").eventBusName("lambda-results")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, successes)).build()));
            events.putRule(b -> b.name("failures").eventBusName("lambda-results").eventPattern(
                    "{\"source\":[\"lambda\"],\"detail-type\":[\"Lambda Function Invocation Result - Failure\"],"
                            + "\"detail\":{\"requestContext\":{\"condition\":[\"RetriesExhausted\"]}}}"));
            events.putTargets(b -> b.rule("failures").eventBusName("lambda-results")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, failures)).build()));
            function(lambda, "to-bus");
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("to-bus").maximumRetryAttempts(0)
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(bus)).onFailure(f -> f.destination(bus))));

            invokeAsync(lambda, "to-bus", "{\"order\":3}");
            invokeAsync(lambda, "to-bus", "{\"fail\":true,\"order\":4}");

            String qualified = "arn:aws:lambda:us-east-1:000000000000:function:to-bus:$LATEST";
            JsonNode success = JSON.readTree(Queues.next(sqs, successes).body());
            assertEquals("lambda", success.path("source").asText());
            assertEquals("Lambda Function Invocation Result - Success", success.path("detail-type").asText());
            assertEquals("000000000000", success.path("account").asText());
            assertEquals(List.of(bus, qualified), List.of(success.at("/resources/0").asText(), success.at("/resources/1").asText()));
            assertEquals("Success", success.at("/detail/requestContext/condition").asText());
            assertEquals(qualified, success.at("/detail/requestContext/functionArn").asText());
            assertEquals(3, success.at("/detail/requestPayload/order").asInt());
            assertEquals(3, success.at("/detail/responsePayload/order").asInt());

            JsonNode failure = JSON.readTree(Queues.next(sqs, failures).body());
            assertEquals("Lambda Function Invocation Result - Failure", failure.path("detail-type").asText());
            assertEquals(4, failure.at("/detail/requestPayload/order").asInt());
            assertEquals("failed on purpose", failure.at("/detail/responsePayload/errorMessage").asText());
        }
    }

    @Test
    void anSnsDeadLetterTopicGetsTheEventWithLambdasErrorAttributes(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             SnsClient sns = Clients.sns(endpoint)) {
            String topic = topicWithQueue(sns, sqs, "dead-letters");
            lambda.createFunction(b -> b.functionName("dead-lettered").runtime("nodejs20.x").handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(FAILING_ON_REQUEST)).deadLetterConfig(d -> d.targetArn(topic)));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("dead-lettered").maximumRetryAttempts(0));

            invokeAsync(lambda, "dead-lettered", "{\"fail\":true,\"order\":5}");

            Message dead = Queues.next(sqs, sqs.getQueueUrl(b -> b.queueName("dead-letters")).queueUrl());
            assertEquals("{\"fail\":true,\"order\":5}", dead.body());
            assertEquals("failed on purpose", dead.messageAttributes().get("ErrorMessage").stringValue());
            assertEquals("200", dead.messageAttributes().get("ErrorCode").stringValue());
            assertTrue(dead.messageAttributes().get("RequestID").stringValue().matches("[0-9a-f-]{36}"),
                    dead.messageAttributes().toString());
        }
    }

    /**
     * Lambda API reference, DeadLetterConfig ("the ARN of an Amazon SQS queue or Amazon SNS topic")
     * and DestinationConfig (a function, queue, topic or event bus): other ARNs are refused with
     * InvalidParameterValueException. The messages are Cloudjar's; AWS's wording is not recorded here.
     */
    @Test
    void aDeadLetterBusOrADestinationOfAnotherServiceIsRefused(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            String bus = "arn:aws:events:us-east-1:000000000000:event-bus/default";
            LambdaException deadLetter = assertThrows(LambdaException.class, () -> lambda.createFunction(b -> b
                    .functionName("bus-dead-letter").runtime("nodejs20.x").handler("index.handler").role(ROLE)
                    .code(c -> c.zipFile(FAILING_ON_REQUEST)).deadLetterConfig(d -> d.targetArn(bus))));
            assertEquals("InvalidParameterValueException", deadLetter.awsErrorDetails().errorCode());
            assertEquals(400, deadLetter.statusCode());

            function(lambda, "table-destination");
            LambdaException destination = assertThrows(LambdaException.class, () -> lambda.putFunctionEventInvokeConfig(b -> b
                    .functionName("table-destination").destinationConfig(d -> d.onFailure(f -> f
                            .destination("arn:aws:dynamodb:us-east-1:000000000000:table/results")))));
            assertEquals("InvalidParameterValueException", destination.awsErrorDetails().errorCode());
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("table-destination")
                    .destinationConfig(d -> d.onFailure(f -> f.destination(bus))));
            assertEquals(bus, lambda.getFunctionEventInvokeConfig(b -> b.functionName("table-destination"))
                    .destinationConfig().onFailure().destination());
        }
    }
}
