package com.example.orders;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mostly Lambda; its function "orders" is the project's own Java handler on java17. Its methods run concurrently with
 * each other and with the other classes.
 */
@Cloudjar
class FunctionsTest {
    private static final String OWNER = FunctionsTest.class.getSimpleName();
    private static Aws aws;

    @BeforeAll
    static void createTheSameNamesAsTheOtherClasses(URI endpoint) {
        AllAtOnce.serverStarted(FunctionsTest.class, endpoint);
        aws = Aws.at(endpoint);
        try {
            SameNames.create(aws, OWNER, FunctionCode.java(OrderTotal.class));
        } finally {
            AllAtOnce.resourcesCreated();
        }
    }

    @AfterAll
    static void closeClients() {
        aws.close();
    }

    @Test
    void seesOnlyItsOwnOrders(URI endpoint) {
        AllAtOnce.assertFourServersOnFourEndpoints(FunctionsTest.class, endpoint);
        SameNames.assertSeesOnlyItsOwn(aws, OWNER);
    }

    @Test
    void theProjectsJavaHandlerAddsUpAnOrder() {
        String payload = invoke(SameNames.FUNCTION,
                "{\"orderId\":\"order-1\",\"lines\":[{\"quantity\":2,\"price\":15},{\"quantity\":1,\"price\":12}]}");
        for (String member : List.of("\"total\":42", "\"owner\":\"" + OWNER + "\"", "\"function\":\"orders\"")) {
            assertTrue(payload.contains(member), payload);
        }
    }

    /** Code read from this class's own bucket "orders". */
    @Test
    void deploysCodeFromItsOwnBucket() {
        FunctionCode python = FunctionCode.PYTHON_OWNER;
        aws.s3().putObject(b -> b.bucket(SameNames.BUCKET).key("deploy/owner.zip"),
                RequestBody.fromBytes(python.zip().asByteArray()));
        aws.lambda().createFunction(b -> b.functionName("from-bucket").runtime(python.runtime()).handler(python.handler())
                .role(Aws.ROLE).code(c -> c.s3Bucket(SameNames.BUCKET).s3Key("deploy/owner.zip"))
                .environment(e -> e.variables(Map.of("OWNER", OWNER))));
        aws.lambda().waiter().waitUntilFunctionActiveV2(b -> b.functionName("from-bucket"));

        assertEquals(OWNER, FunctionCode.ownerIn(invoke("from-bucket", "{\"orderId\":\"order-5\"}")));
    }

    @Test
    void anAliasKeepsServingThePublishedVersion() {
        FunctionCode rate = FunctionCode.node("exports.handler = async () => ({ rate: process.env.RATE });\n");
        aws.lambda().createFunction(b -> b.functionName("tax-rate").runtime(rate.runtime()).handler(rate.handler())
                .role(Aws.ROLE).code(c -> c.zipFile(rate.zip())).environment(e -> e.variables(Map.of("RATE", "19"))));
        aws.lambda().waiter().waitUntilFunctionActiveV2(b -> b.functionName("tax-rate"));
        String first = aws.lambda().publishVersion(b -> b.functionName("tax-rate")).version();
        aws.lambda().createAlias(b -> b.functionName("tax-rate").name("live").functionVersion(first));

        aws.lambda().updateFunctionConfiguration(b -> b.functionName("tax-rate")
                .environment(e -> e.variables(Map.of("RATE", "21"))));
        aws.lambda().waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("tax-rate"));

        assertEquals("{\"rate\":\"19\"}", invoke("tax-rate:live", "{}"));
        assertEquals("{\"rate\":\"21\"}", invoke("tax-rate", "{}"));
    }

    /** An event invocation's result arrives in this class's own queue, through the function's success destination. */
    @Test
    void anEventInvocationsResultGoesToItsOwnQueue() {
        String results = aws.sqs().createQueue(b -> b.queueName("order-results")).queueUrl();
        String resultsArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(results).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        FunctionCode node = FunctionCode.NODE_OWNER;
        aws.lambda().createFunction(b -> b.functionName("notify").runtime(node.runtime()).handler(node.handler())
                .role(Aws.ROLE).code(c -> c.zipFile(node.zip())).environment(e -> e.variables(Map.of("OWNER", OWNER))));
        aws.lambda().waiter().waitUntilFunctionActiveV2(b -> b.functionName("notify"));
        aws.lambda().putFunctionEventInvokeConfig(b -> b.functionName("notify").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(resultsArn))));

        InvokeResponse accepted = aws.lambda().invoke(b -> b.functionName("notify").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"orderId\":\"order-8\"}")));
        assertEquals(202, accepted.statusCode());

        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(results).waitTimeSeconds(20)).messages();
        assertEquals(1, messages.size(), "no result arrived in order-results");
        String record = messages.get(0).body();
        assertTrue(record.contains("\"condition\":\"Success\""), record);
        assertTrue(record.contains("\"orderId\":\"order-8\""), record);
        assertEquals(OWNER, FunctionCode.ownerIn(record));
    }

    private static String invoke(String function, String event) {
        InvokeResponse response = aws.lambda().invoke(b -> b.functionName(function)
                .payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asUtf8String();
        assertNull(response.functionError(), payload);
        return payload;
    }
}
