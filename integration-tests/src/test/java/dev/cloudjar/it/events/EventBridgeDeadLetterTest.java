package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a target's dead-letter queue receives: the event, with the message attributes EventBridge
 * documents in "Using dead-letter queues to process undelivered events" (RULE_ARN, TARGET_ARN,
 * ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS). A target that no longer
 * exists is not retried ("EventBridge sends these events directly to the DLQ").
 */
@Cloudjar(options = "lambda-retry-delay-scale=0.005")
class EventBridgeDeadLetterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static Message next(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)
                .messageAttributeNames("All")).messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        return messages.get(0);
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        assertTrue(value != null, name + " is missing from " + message.messageAttributes());
        assertEquals("String", value.dataType(), name);
        return value.stringValue();
    }

    @Test
    void anEventForADeletedQueueGoesToTheDeadLetterQueueAtOnceWithEventBridgesAttributes(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("ebdl-dlq")).queueUrl();
            String target = sqs.createQueue(b -> b.queueName("ebdl-deleted")).queueUrl();
            String targetArn = Queues.arn(sqs, target);
            sqs.deleteQueue(b -> b.queueUrl(target));
            String rule = events.putRule(b -> b.name("to-deleted-queue").eventPattern("{\"source\":[\"shop\"]}")).ruleArn();
            events.putTargets(b -> b.rule("to-deleted-queue").targets(Target.builder().id("q").arn(targetArn)
                    .retryPolicy(r -> r.maximumRetryAttempts(1))
                    .deadLetterConfig(d -> d.arn(Queues.arn(sqs, dlq))).build()));

            String id = events.putEvents(b -> b.entries(e -> e.source("shop").detailType("Order Placed")
                    .detail("{\"n\":1}"))).entries().get(0).eventId();

            Message dead = next(sqs, dlq);
            assertEquals(id, JSON.readTree(dead.body()).path("id").asText(), "the body is the event");
            assertEquals(rule, attribute(dead, "RULE_ARN"));
            assertEquals(targetArn, attribute(dead, "TARGET_ARN"));
            assertEquals("NO_RESOURCE", attribute(dead, "ERROR_CODE"));
            assertEquals("The specified queue does not exist.", attribute(dead, "ERROR_MESSAGE"));
            assertEquals("0", attribute(dead, "RETRY_ATTEMPTS"), "a missing resource is not retried");
            assertFalse(dead.messageAttributes().containsKey("EXHAUSTED_RETRY_CONDITION"),
                    "no retry limit ended it");
        }
    }

    @Test
    void anEventForAMissingFunctionNamesTheFunctionAndNoResource(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("ebdl-function-dlq")).queueUrl();
            String function = "arn:aws:lambda:us-east-1:000000000000:function:ebdl-missing";
            String rule = events.putRule(b -> b.name("to-missing-function").eventPattern("{\"source\":[\"fn\"]}")).ruleArn();
            events.putTargets(b -> b.rule("to-missing-function").targets(Target.builder().id("fn").arn(function)
                    .retryPolicy(r -> r.maximumRetryAttempts(0))
                    .deadLetterConfig(d -> d.arn(Queues.arn(sqs, dlq))).build()));

            events.putEvents(b -> b.entries(e -> e.source("fn").detailType("t").detail("{}")));

            Message dead = next(sqs, dlq);
            assertEquals(rule, attribute(dead, "RULE_ARN"));
            assertEquals(function, attribute(dead, "TARGET_ARN"));
            assertEquals("NO_RESOURCE", attribute(dead, "ERROR_CODE"));
            assertTrue(attribute(dead, "ERROR_MESSAGE").contains("ebdl-missing"), attribute(dead, "ERROR_MESSAGE"));
            assertEquals("0", attribute(dead, "RETRY_ATTEMPTS"));
        }
    }

    /**
     * EventBridge invokes a Lambda target asynchronously: the invocation is accepted, so a function
     * that throws is Lambda's failure, retried by Lambda and sent to the function's own dead-letter
     * queue (with Lambda's RequestID/ErrorCode/ErrorMessage attributes), not to the rule target's.
     */
    @Test
    void aFunctionThatThrowsIsLambdasFailureNotTheTargets(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             LambdaClient lambda = Clients.lambda(endpoint)) {
            String ruleDlq = sqs.createQueue(b -> b.queueName("ebdl-rule-dlq")).queueUrl();
            String functionDlq = sqs.createQueue(b -> b.queueName("ebdl-lambda-dlq")).queueUrl();
            String function = lambda.createFunction(b -> b.functionName("ebdl-throws").runtime("nodejs20.x")
                    .handler("index.handler").role(ROLE).deadLetterConfig(d -> d.targetArn(Queues.arn(sqs, functionDlq)))
                    .code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async () => { throw new Error('always fails'); };\n")))).functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("ebdl-throws").maximumRetryAttempts(0));
            events.putRule(b -> b.name("to-throwing").eventPattern("{\"source\":[\"throws\"]}"));
            events.putTargets(b -> b.rule("to-throwing").targets(Target.builder().id("fn").arn(function)
                    .retryPolicy(r -> r.maximumRetryAttempts(0))
                    .deadLetterConfig(d -> d.arn(Queues.arn(sqs, ruleDlq))).build()));

            events.putEvents(b -> b.entries(e -> e.source("throws").detailType("t").detail("{}")));

            Message dead = next(sqs, functionDlq);
            assertEquals("always fails", dead.messageAttributes().get("ErrorMessage").stringValue());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(ruleDlq).waitTimeSeconds(1)).messages().isEmpty(),
                    "the target's dead-letter queue receives nothing");
        }
    }
}
