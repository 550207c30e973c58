package dev.cloudjar.it.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.lambda.FunctionPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries are stored before they are acknowledged: a server killed with deliveries queued
 * (S3 events for a function, asynchronous invocations) delivers them all after a restart on the
 * same data directory, at least once.
 */
class DeliveryProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static ServerJarTest.Started server(int port, Path data) throws Exception {
        return ServerJarTest.start(List.of(ServerJarTest.javaBinary(), "-jar", ServerJarTest.JAR.toString(),
                "--port", String.valueOf(port), "--data-dir", data.toString(), "--lambda-retry-delay-scale", "0.01"));
    }

    @Test
    void deliveriesQueuedWhenTheServerIsKilledArriveAfterItRestarts(@TempDir Path data) throws Exception {
        int port = ServerJarTest.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        String arrivals;
        ServerJarTest.Started first = server(port, data);
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            arrivals = sqs.createQueue(b -> b.queueName("arrivals")).queueUrl();
            String arrivalsArn = sqs.getQueueAttributes(b -> b.queueUrl(arrivals).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String function = lambda.createFunction(b -> b.functionName("recorder").runtime("nodejs20.x")
                    .handler("index.handler").role(ROLE).code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => event;\n")))).functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("recorder")
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(arrivalsArn))));
            // Reserved concurrency 0 throttles every attempt: the deliveries stay queued until the kill.
            lambda.putFunctionConcurrency(b -> b.functionName("recorder").reservedConcurrentExecutions(0));
            s3.createBucket(b -> b.bucket("uploads"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("uploads").notificationConfiguration(n -> n
                    .lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(function).events(Event.S3_OBJECT_CREATED))));

            for (int i = 0; i < 5; i++) {
                String key = "file-" + i;
                s3.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromString(key));
            }
            for (int i = 0; i < 3; i++) {
                String payload = "{\"direct\":" + i + "}";
                assertEquals(202, lambda.invoke(b -> b.functionName("recorder").invocationType("Event")
                        .payload(SdkBytes.fromUtf8String(payload))).statusCode());
            }
            assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(arrivals).waitTimeSeconds(1)).messages(),
                    "nothing delivered while the function is throttled");
        } finally {
            first.process().destroyForcibly();
            assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));
        }

        try (ServerJarTest.Started second = server(port, data); SqsClient sqs = Clients.sqs(endpoint);
             LambdaClient lambda = Clients.lambda(endpoint)) {
            lambda.deleteFunctionConcurrency(b -> b.functionName("recorder"));
            Set<String> arrived = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (arrived.size() < 8 && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(b -> b.queueUrl(arrivals).waitTimeSeconds(2).maxNumberOfMessages(10)).messages()) {
                    JsonNode event = JSON.readTree(m.body()).path("requestPayload");
                    arrived.add(event.has("direct") ? "direct-" + event.path("direct").asInt()
                            : event.at("/Records/0/s3/object/key").asText());
                    sqs.deleteMessage(b -> b.queueUrl(arrivals).receiptHandle(m.receiptHandle()));
                }
            }
            assertEquals(new TreeSet<>(List.of("direct-0", "direct-1", "direct-2",
                    "file-0", "file-1", "file-2", "file-3", "file-4")), arrived);
        }
    }
}
