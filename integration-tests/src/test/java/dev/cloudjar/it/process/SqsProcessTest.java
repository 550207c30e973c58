package dev.cloudjar.it.process;

import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SQS against the runnable jar: queues and messages survive a restart with --data-dir; a reset clears them. */
class SqsProcessTest {

    private static ServerJarTest.Started server(int port, Path data) throws Exception {
        return ServerJarTest.start(List.of(ServerJarTest.javaBinary(), "-jar", ServerJarTest.JAR.toString(),
                "--port", String.valueOf(port), "--data-dir", data.toString()));
    }

    private static Map<QueueAttributeName, String> counts(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
    }

    @Test
    void queuesAndMessagesSurviveARestartAndAResetClearsThem(@TempDir Path data) throws Exception {
        int port = ServerJarTest.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        String url;
        String inFlightHandle;
        try (ServerJarTest.Started server = server(port, data); SqsClient sqs = Clients.sqs(endpoint)) {
            url = sqs.createQueue(b -> b.queueName("durable").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600"))
                    .tags(Map.of("team", "payments"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("second"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("third"));
            inFlightHandle = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).receiptHandle();
            Message deleted = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(deleted.receiptHandle()));
        }
        try (ServerJarTest.Started server = server(port, data); SqsClient sqs = Clients.sqs(endpoint)) {
            assertEquals(Map.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1",
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1",
                    QueueAttributeName.VISIBILITY_TIMEOUT, "600"), counts(sqs, url));
            assertEquals(Map.of("team", "payments"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
            assertEquals("third", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(inFlightHandle));

            HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_cloudjar/reset/sqs"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("durable")));
        }
        try (ServerJarTest.Started server = server(port, data); SqsClient sqs = Clients.sqs(endpoint)) {
            assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("durable")));
        }
    }

    @Test
    void aFifoDeduplicationIdIsRememberedAcrossARestart(@TempDir Path data) throws Exception {
        int port = ServerJarTest.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        String url;
        String firstId;
        try (ServerJarTest.Started server = server(port, data); SqsClient sqs = Clients.sqs(endpoint)) {
            url = sqs.createQueue(b -> b.queueName("orders.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            firstId = sqs.sendMessage(b -> b.queueUrl(url).messageBody("order 1").messageGroupId("g")
                    .messageDeduplicationId("order-1")).messageId();
            Message received = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.receiptHandle()));
        }
        try (ServerJarTest.Started server = server(port, data); SqsClient sqs = Clients.sqs(endpoint)) {
            String again = sqs.sendMessage(b -> b.queueUrl(url).messageBody("order 1 again").messageGroupId("g")
                    .messageDeduplicationId("order-1")).messageId();
            assertEquals(firstId, again, "a duplicate within five minutes answers the first message");
            assertEquals("0", counts(sqs, url).get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            String other = sqs.sendMessage(b -> b.queueUrl(url).messageBody("order 2").messageGroupId("g")
                    .messageDeduplicationId("order-2")).messageId();
            assertEquals("order 2", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
            assertNotEquals(firstId, other);
        }
    }
}
