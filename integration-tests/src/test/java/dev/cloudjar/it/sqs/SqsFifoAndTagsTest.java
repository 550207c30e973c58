package dev.cloudjar.it.sqs;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FIFO queues (group order, deduplication), ChangeMessageVisibilityBatch and queue tags. */
@Cloudjar
class SqsFifoAndTagsTest {

    private static String fifo(SqsClient sqs, String name, boolean contentBased) {
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, Boolean.toString(contentBased)))).queueUrl();
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    @Test
    void aGroupIsDeliveredInOrderAndHeldWhileOneOfItsMessagesIsInFlight(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = fifo(sqs, "orders.fifo", true);
            for (String body : List.of("a1", "b1", "a2", "b2")) {
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(body.substring(0, 1)));
            }

            List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            assertEquals(List.of("a1"), bodies(first));
            assertEquals("a", first.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
            // Group a waits for a1; group b goes on in order.
            assertEquals(List.of("b1", "b2"), bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()));

            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
            assertEquals(List.of("a2"), bodies(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()));
        }
    }

    @Test
    void aDuplicateWithinFiveMinutesIsAcceptedButNotDeliveredAgain(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String byId = fifo(sqs, "by-id.fifo", false);
            SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(byId).messageBody("pay 10")
                    .messageGroupId("g").messageDeduplicationId("payment-1"));
            SendMessageResponse again = sqs.sendMessage(b -> b.queueUrl(byId).messageBody("pay 10 again")
                    .messageGroupId("g").messageDeduplicationId("payment-1"));
            assertEquals(sent.messageId(), again.messageId());
            assertEquals(20, sent.sequenceNumber().length());

            String byContent = fifo(sqs, "by-content.fifo", true);
            sqs.sendMessage(b -> b.queueUrl(byContent).messageBody("same").messageGroupId("g"));
            sqs.sendMessage(b -> b.queueUrl(byContent).messageBody("same").messageGroupId("g"));
            sqs.sendMessage(b -> b.queueUrl(byContent).messageBody("other").messageGroupId("g"));

            assertEquals(List.of("pay 10"), bodies(sqs.receiveMessage(b -> b.queueUrl(byId).maxNumberOfMessages(10)).messages()));
            assertEquals(List.of("same", "other"),
                    bodies(sqs.receiveMessage(b -> b.queueUrl(byContent).maxNumberOfMessages(10)).messages()));
        }
    }

    @Test
    void aFifoMessageNeedsAGroupAndADeduplicationIdUnlessContentBased(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = fifo(sqs, "strict.fifo", false);
            SqsException noGroup = assertThrows(SqsException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("1")));
            assertEquals("MissingParameter", noGroup.awsErrorDetails().errorCode());
            SqsException noDeduplication = assertThrows(SqsException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")));
            assertEquals("InvalidParameterValue", noDeduplication.awsErrorDetails().errorCode());
            SqsException notFifoName = assertThrows(SqsException.class, () -> sqs.createQueue(b -> b.queueName("plain")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
            assertEquals("InvalidParameterValue", notFifoName.awsErrorDetails().errorCode());
        }
    }

    @Test
    void changeMessageVisibilityBatchReportsEachEntry(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("batch-visibility")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
            Message m = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(300)).messages().get(0);

            ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("ok").receiptHandle(m.receiptHandle()).visibilityTimeout(0),
                    e -> e.id("bad").receiptHandle("not-a-handle").visibilityTimeout(0)));

            assertEquals(List.of("ok"), response.successful().stream().map(s -> s.id()).toList());
            assertEquals("ReceiptHandleIsInvalid", response.failed().get(0).code());
            assertEquals("m", sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body());
        }
    }

    @Test
    void queuesAreTaggedAtCreationAndLater(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("tagged").tags(Map.of("team", "payments"))).queueUrl();
            sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "test", "cost", "42")));
            sqs.untagQueue(b -> b.queueUrl(url).tagKeys("cost"));

            assertEquals(Map.of("team", "payments", "env", "test"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
            assertTrue(sqs.listQueueTags(b -> b.queueUrl(sqs.createQueue(q -> q.queueName("untagged")).queueUrl()))
                    .tags().isEmpty());
        }
    }
}
