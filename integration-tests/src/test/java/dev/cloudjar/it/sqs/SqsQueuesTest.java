package dev.cloudjar.it.sqs;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class SqsQueuesTest {

    @Test
    void sendAndReceiveWithAttributesPassTheSdksMd5Checks(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
            SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("héllo")
                    .messageAttributes(Map.of(
                            "color", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
                            "size", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                            "blob", MessageAttributeValue.builder().dataType("Binary")
                                    .binaryValue(SdkBytes.fromUtf8String("bytes")).build())));

            ReceiveMessageResponse received = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));

            Message message = received.messages().get(0);
            assertEquals(sent.messageId(), message.messageId());
            assertEquals("héllo", message.body());
            assertEquals("blue", message.messageAttributes().get("color").stringValue());
            assertEquals("1", message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            assertEquals(sent.md5OfMessageAttributes(), message.md5OfMessageAttributes());
        }
    }

    @Test
    void aReceivedMessageIsInvisibleUntilItsVisibilityTimeoutEndsAndGoneOnceDeleted(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("visibility")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("once"));

            Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().get(0);
            Message again = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30)).messages().get(0);
            assertEquals(first.messageId(), again.messageId());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());

            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
            Message third = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(third.receiptHandle()));
            assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributesAsStrings().get("ApproximateNumberOfMessages"));
        }
    }

    @Test
    void longPollingReturnsAMessageSentDuringTheWait(URI endpoint) throws Exception {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("long-poll")).queueUrl();
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("late"));
            });
            sender.start();
            ReceiveMessageResponse received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10));
            sender.join();
            assertEquals("late", received.messages().get(0).body());
        }
    }

    @Test
    void aMessageReceivedMoreThanMaxReceiveCountMovesToTheDeadLetterQueue(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String dlqUrl = sqs.createQueue(b -> b.queueName("work-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = sqs.createQueue(b -> b.queueName("work").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));

            for (int i = 0; i < 2; i++) {
                assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().size());
            }
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
            assertEquals("poison", sqs.receiveMessage(b -> b.queueUrl(dlqUrl)).messages().get(0).body());
        }
    }

    @Test
    void batchesSendAndDeleteSeveralMessages(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("batch")).queueUrl();
            SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("a").messageBody("one"), e -> e.id("b").messageBody("two")));
            assertEquals(2, sent.successful().size());
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
            assertEquals(2, messages.size());
            assertEquals(2, sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                    e -> e.id("a").receiptHandle(messages.get(0).receiptHandle()),
                    e -> e.id("b").receiptHandle(messages.get(1).receiptHandle()))).successful().size());
        }
    }

    @Test
    void queuesAreListedFoundPurgedAndDeleted(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("listed-1")).queueUrl();
            sqs.createQueue(b -> b.queueName("listed-2"));
            assertEquals(2, sqs.listQueues(b -> b.queueNamePrefix("listed-")).queueUrls().size());
            assertEquals(url, sqs.getQueueUrl(b -> b.queueName("listed-1")).queueUrl());
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("x"));
            sqs.purgeQueue(b -> b.queueUrl(url));
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
            sqs.deleteQueue(b -> b.queueUrl(url));
            assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("listed-1")));
        }
    }

    @Test
    void invalidAttributesAreRefused(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            SqsException e = assertThrows(SqsException.class, () -> sqs.createQueue(b -> b.queueName("bad")
                    .attributesWithStrings(Map.of("VisibilityTimeout", "99999"))));
            assertEquals(400, e.statusCode());
        }
    }

    @Test
    void theQueryProtocolOfBoto3AndTheCliV1Works(URI endpoint) throws Exception {
        String script = "import boto3\n"
                + "c = boto3.client('sqs', endpoint_url='" + endpoint + "', region_name='us-east-1',"
                + " aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "u = c.create_queue(QueueName='py')['QueueUrl']\n"
                + "c.send_message(QueueUrl=u, MessageBody='from python', MessageAttributes={'k': {'DataType': 'String', 'StringValue': 'v'}})\n"
                + "m = c.receive_message(QueueUrl=u, MessageAttributeNames=['All'])['Messages'][0]\n"
                + "print(m['Body'] + ' ' + m['MessageAttributes']['k']['StringValue'])\n";
        Processes.Result result = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("from python v", result.output().trim());

        Processes.Result cli = Processes.run(List.of("aws", "--endpoint-url", endpoint.toString(), "sqs",
                        "get-queue-url", "--queue-name", "py", "--query", "QueueUrl", "--output", "text"),
                Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1"));
        assertEquals(0, cli.exitCode(), cli.output());
        assertTrue(cli.output().trim().endsWith("/000000000000/py"), cli.output());
    }

    @Test
    void aRedrivePolicyThatIsNotJsonIsRefused(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            SqsException e = assertThrows(SqsException.class, () -> sqs.createQueue(b -> b.queueName("bad-redrive")
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, "not json"))));
            assertEquals("InvalidAttributeValue", e.awsErrorDetails().errorCode());
            assertEquals("Value not json for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid"
                    + " JSON map.", e.awsErrorDetails().errorMessage());
        }
    }
}
