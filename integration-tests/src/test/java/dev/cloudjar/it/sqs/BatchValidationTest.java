package dev.cloudjar.it.sqs;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * SQS's batches with one bad entry. A fault of the batch itself (ids not distinct, an invalid id,
 * too many entries) fails the whole request and touches no message; a fault of one entry's content
 * (its body, its receipt handle, its timeout) is that entry's BatchResultErrorEntry while the
 * others succeed — SQS API Reference, SendMessageBatch / DeleteMessageBatch /
 * ChangeMessageVisibilityBatch.
 */
@Cloudjar
class BatchValidationTest {

    private static Message receiveOne(SqsClient sqs, String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(600)).messages().get(0);
    }

    private static String visibleMessages(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages");
    }

    @Test
    void aSendBatchEntryWithCharactersSqsRefusesFailsAloneWhileTheOthersAreSent(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("send-batch-entry")).queueUrl();

            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("good").messageBody("fine"),
                    e -> e.id("bad").messageBody("nul \u0000 inside")));

            assertEquals(List.of("good"), response.successful().stream().map(s -> s.id()).toList());
            assertEquals("bad", response.failed().get(0).id());
            assertEquals("InvalidMessageContents", response.failed().get(0).code());
            assertEquals(true, response.failed().get(0).senderFault());
            assertEquals("1", visibleMessages(sqs, url));
        }
    }

    @Test
    void aSendBatchWithAnInvalidEntryIdSendsNothing(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("send-batch-id")).queueUrl();

            assertThrows(InvalidBatchEntryIdException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("good").messageBody("1"), e -> e.id("not valid").messageBody("2"))));

            assertEquals("0", visibleMessages(sqs, url));
        }
    }

    @Test
    void aDeleteBatchWithRepeatedIdsDeletesNothing(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("delete-batch-ids")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
            Message m = receiveOne(sqs, url);

            assertThrows(BatchEntryIdsNotDistinctException.class, () -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("same").receiptHandle(m.receiptHandle()), e -> e.id("same").receiptHandle("other"))));
            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));

            assertEquals("m", receiveOne(sqs, url).body(), "still there");
        }
    }

    @Test
    void aDeleteBatchEntryWithAnInvalidHandleFailsAloneWhileTheOthersAreDeleted(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("delete-batch-entry")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
            Message m = receiveOne(sqs, url);

            var response = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("good").receiptHandle(m.receiptHandle()), e -> e.id("bad").receiptHandle("not-a-handle")));

            assertEquals(List.of("good"), response.successful().stream().map(s -> s.id()).toList());
            assertEquals("ReceiptHandleIsInvalid", response.failed().get(0).code());
            assertEquals("0", visibleMessages(sqs, url));
        }
    }

    @Test
    void aVisibilityBatchEntryWithATimeoutOutOfRangeFailsAloneWhileTheOthersChange(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("visibility-batch-entry")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("second"));
            Message first = receiveOne(sqs, url);
            Message second = receiveOne(sqs, url);

            ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("good").receiptHandle(first.receiptHandle()).visibilityTimeout(0),
                    e -> e.id("bad").receiptHandle(second.receiptHandle()).visibilityTimeout(43_201)));

            assertEquals(List.of("good"), response.successful().stream().map(s -> s.id()).toList());
            assertEquals("InvalidParameterValue", response.failed().get(0).code());
            assertEquals(first.body(), receiveOne(sqs, url).body(), "the good entry made its message visible");
        }
    }

    @Test
    void aVisibilityBatchWithRepeatedIdsChangesNothing(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("visibility-batch-ids")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
            Message m = receiveOne(sqs, url);

            assertThrows(BatchEntryIdsNotDistinctException.class, () -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url)
                    .entries(e -> e.id("same").receiptHandle(m.receiptHandle()).visibilityTimeout(0),
                            e -> e.id("same").receiptHandle(m.receiptHandle()).visibilityTimeout(0))));

            assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url)).messages(), "still invisible");
        }
    }
}
