package dev.cloudjar.it.sqs;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * SQS's error codes, statuses and messages as AWS answers them (awsJson1_0 with the query-compatible
 * x-amzn-query-error header, from which SDK v2 takes the error code).
 */
@Cloudjar
class SqsErrorFidelityTest {

    private static <T extends SqsException> T fails(Class<T> type, int status, String code, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(status, e.statusCode());
        return e;
    }

    @Test
    void aMissingQueueIsNonExistentQueueInTheQueryCodeAndQueueDoesNotExistAsTheType(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            fails(QueueDoesNotExistException.class, 400, "AWS.SimpleQueueService.NonExistentQueue",
                    "The specified queue does not exist.", () -> sqs.getQueueUrl(b -> b.queueName("fid-missing")));
            String url = sqs.createQueue(b -> b.queueName("fid-deleted")).queueUrl();
            sqs.deleteQueue(b -> b.queueUrl(url));
            fails(QueueDoesNotExistException.class, 400, "AWS.SimpleQueueService.NonExistentQueue",
                    "The specified queue does not exist.", () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")));
        }
    }

    @Test
    void creatingAQueueAgainWithAnotherAttributeValueFailsWithQueueAlreadyExistsNamingTheAttribute(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            sqs.createQueue(b -> b.queueName("fid-exists").attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "1")));
            sqs.createQueue(b -> b.queueName("fid-exists").attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "1")));
            fails(QueueNameExistsException.class, 400, "QueueAlreadyExists",
                    "A queue already exists with the same name and a different value for attribute DelaySeconds",
                    () -> sqs.createQueue(b -> b.queueName("fid-exists")
                            .attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "2"))));
        }
    }

    @Test
    void queueNamesAndAttributesAreValidatedWithSqsMessages(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String tooLong = "q".repeat(81);
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
                    () -> sqs.createQueue(b -> b.queueName(tooLong)));
            sqs.createQueue(b -> b.queueName("q".repeat(80)));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
                    () -> sqs.createQueue(b -> b.queueName("fid-standard.fifo")));
            fails(SqsException.class, 400, "InvalidParameterValue", "The name of a FIFO queue can only include"
                            + " alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length",
                    () -> sqs.createQueue(b -> b.queueName("fid-no-suffix").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
            sqs.createQueue(b -> b.queueName("f".repeat(75) + ".fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
            fails(SqsException.class, 400, "InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.",
                    () -> sqs.createQueue(b -> b.queueName("fid-bad-visibility")
                            .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))));
            fails(SqsException.class, 400, "InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication.",
                    () -> sqs.createQueue(b -> b.queueName("fid-standard")
                            .attributes(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))));
            fails(SqsException.class, 400, "InvalidAttributeName",
                    "You can specify the DeduplicationScope only when FifoQueue is set to true.",
                    () -> sqs.createQueue(b -> b.queueName("fid-standard")
                            .attributes(Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup"))));

            String standard = sqs.createQueue(b -> b.queueName("fid-standard")).queueUrl();
            fails(SqsException.class, 400, "InvalidAttributeName", "Unknown Attribute FifoQueue.",
                    () -> sqs.setQueueAttributes(b -> b.queueUrl(standard)
                            .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
            String fifo = sqs.createQueue(b -> b.queueName("fid-type.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            sqs.setQueueAttributes(b -> b.queueUrl(fifo).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
            fails(SqsException.class, 400, "InvalidAttributeValue",
                    "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.",
                    () -> sqs.setQueueAttributes(b -> b.queueUrl(fifo)
                            .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "false"))));
        }
    }

    @Test
    void messagesAreCheckedForSizeIncludingAttributesForContentsAndForABody(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("fid-size")).queueUrl();
            assertEquals("1048576", sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.MAXIMUM_MESSAGE_SIZE)).attributes()
                    .get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE));
            // "k" + "String" + "x" count towards the limit too.
            String body = "a".repeat(1_048_576 - 8 + 1);
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(Map.of("k",
                            MessageAttributeValue.builder().dataType("String").stringValue("x").build()))));
            fails(SqsException.class, 400, "MissingParameter", "The request must contain the parameter MessageBody.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("")));
            fails(InvalidMessageContentsException.class, 400, "InvalidMessageContents",
                    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF"
                            + " | #xE000 to #xFFFD | #x10000 to #x10FFFF",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("bell\u0007")));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(Map.of("ErrorDetails",
                            MessageAttributeValue.builder().dataType("String").stringValue("").build()))));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("late").delaySeconds(901)));

            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024")));
            SendMessageBatchResponse batch = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                    SendMessageBatchRequestEntry.builder().id("big").messageBody("b".repeat(1025)).build(),
                    SendMessageBatchRequestEntry.builder().id("small").messageBody("s").build()));
            assertEquals(List.of("small"), batch.successful().stream().map(s -> s.id()).toList());
            assertEquals("InvalidParameterValue", batch.failed().get(0).code());
            assertEquals("One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.",
                    batch.failed().get(0).message());
        }
    }

    @Test
    void batchesAreCheckedAsAWholeBeforeAnyEntryIsSent(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("fid-batch")).queueUrl();
            fails(EmptyBatchRequestException.class, 400, "AWS.SimpleQueueService.EmptyBatchRequest",
                    "There should be at least one SendMessageBatchRequestEntry in the request.",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())));
            fails(EmptyBatchRequestException.class, 400, "AWS.SimpleQueueService.EmptyBatchRequest",
                    "There should be at least one DeleteMessageBatchRequestEntry in the request.",
                    () -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(List.of())));
            List<SendMessageBatchRequestEntry> eleven = IntStream.range(0, 11).mapToObj(i ->
                    SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("x").build()).toList();
            fails(TooManyEntriesInBatchRequestException.class, 400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                    "Maximum number of entries per request are 10. You have sent 11.",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(eleven)));
            fails(BatchEntryIdsNotDistinctException.class, 400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                    "Two or more batch entries in the request have the same Id.",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                            SendMessageBatchRequestEntry.builder().id("same").messageBody("1").build(),
                            SendMessageBatchRequestEntry.builder().id("same").messageBody("2").build())));
            fails(InvalidBatchEntryIdException.class, 400, "AWS.SimpleQueueService.InvalidBatchEntryId",
                    "A batch entry id can only contain alphanumeric characters, hyphens and underscores."
                            + " It can be at most 80 letters long.",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                            SendMessageBatchRequestEntry.builder().id("not.valid").messageBody("1").build())));
            String half = "h".repeat(600_000);
            fails(BatchRequestTooLongException.class, 400, "AWS.SimpleQueueService.BatchRequestTooLong",
                    "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                            SendMessageBatchRequestEntry.builder().id("a").messageBody(half).build(),
                            SendMessageBatchRequestEntry.builder().id("b").messageBody(half).build())));
            assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url)).messages());
        }
    }

    @Test
    void fifoQueuesRequireGroupIdsAndRefusePerMessageDelays(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("fid-order.fifo").attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")))
                    .queueUrl();
            fails(SqsException.class, 400, "MissingParameter", "The request must contain the parameter MessageGroupId.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "The request must contain the parameter MessageGroupId.",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                            SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build())));
            fails(SqsException.class, 400, "InvalidParameterValue", "Value 2 for parameter DelaySeconds is invalid."
                            + " Reason: The request include parameter that is not valid for this queue type.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g").delaySeconds(2)));
            fails(SqsException.class, 400, "InvalidParameterValue", "Value group 1 for parameter MessageGroupId is invalid."
                            + " Reason: MessageGroupId can only include alphanumeric and punctuation characters."
                            + " 1 to 128 in length.",
                    () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("group 1")));
        }
    }

    @Test
    void receiveParametersAreRangeChecked(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("fid-receive")).queueUrl();
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
                    () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.",
                    () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Value -1 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.",
                    () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(-1)));
            fails(SqsException.class, 400, "InvalidParameterValue",
                    "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.",
                    () -> sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(43201)));
        }
    }

    @Test
    void aMalformedReceiptHandleIsReceiptHandleIsInvalid(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("fid-handles")).queueUrl();
            fails(ReceiptHandleIsInvalidException.class, 404, "ReceiptHandleIsInvalid",
                    "The input receipt handle \"garbage\" is not a valid receipt handle.",
                    () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")));
            var failed = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("one").receiptHandle("garbage")))
                    .failed().get(0);
            assertEquals("ReceiptHandleIsInvalid", failed.code());
            assertEquals("The input receipt handle \"garbage\" is not a valid receipt handle.", failed.message());
        }
    }

    @Test
    void aSecondPurgeWithinSixtySecondsFailsWithPurgeQueueInProgress(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("fid-purge")).queueUrl();
            sqs.purgeQueue(b -> b.queueUrl(url));
            fails(PurgeQueueInProgressException.class, 403, "AWS.SimpleQueueService.PurgeQueueInProgress",
                    "Only one PurgeQueue operation on fid-purge is allowed every 60 seconds.",
                    () -> sqs.purgeQueue(b -> b.queueUrl(url)));
        }
    }
}
