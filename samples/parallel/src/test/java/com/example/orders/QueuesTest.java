package com.example.orders;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mostly SQS; its function "orders" is Node.js. Its methods run concurrently with each other and with the other classes. */
@Cloudjar
class QueuesTest {
    private static final String OWNER = QueuesTest.class.getSimpleName();
    private static Aws aws;

    @BeforeAll
    static void createTheSameNamesAsTheOtherClasses(URI endpoint) {
        AllAtOnce.serverStarted(QueuesTest.class, endpoint);
        aws = Aws.at(endpoint);
        try {
            SameNames.create(aws, OWNER, FunctionCode.NODE_OWNER);
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
        AllAtOnce.assertFourServersOnFourEndpoints(QueuesTest.class, endpoint);
        SameNames.assertSeesOnlyItsOwn(aws, OWNER);
    }

    @Test
    void aFifoQueueKeepsOrderAndDropsDuplicates() {
        String url = aws.sqs().createQueue(b -> b.queueName("orders.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        for (String body : List.of("order-1", "order-2", "order-3", "order-2", "order-4")) {
            aws.sqs().sendMessage(b -> b.queueUrl(url).messageGroupId("customer-1").messageBody(body));
        }
        List<String> received = new ArrayList<>();
        for (int attempt = 0; attempt < 5 && received.size() < 4; attempt++) {
            for (Message message : aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                received.add(message.body());
                aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
        assertEquals(List.of("order-1", "order-2", "order-3", "order-4"), received);
    }

    @Test
    void anUnfinishedMessageComesBackWithItsAttributes() {
        String url = aws.sqs().createQueue(b -> b.queueName("returns")).queueUrl();
        aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody("return order-9").messageAttributes(Map.of(
                "reason", MessageAttributeValue.builder().dataType("String").stringValue("damaged").build())));

        Message first = receiveOne(url);
        assertEquals("damaged", first.messageAttributes().get("reason").stringValue());
        assertTrue(aws.sqs().receiveMessage(b -> b.queueUrl(url)).messages().isEmpty(), "in flight, so invisible");

        aws.sqs().changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
        Message again = receiveOne(url);
        assertEquals(first.messageId(), again.messageId());
        assertEquals("2", again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(again.receiptHandle()));
        assertEquals("0", aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Test
    void aPoisonMessageMovesToTheDeadLetterQueue() {
        String dlqUrl = aws.sqs().createQueue(b -> b.queueName("payments-dlq")).queueUrl();
        String dlqArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        assertTrue(dlqArn.endsWith(":payments-dlq"), dlqArn);
        String url = aws.sqs().createQueue(b -> b.queueName("payments").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody("charge order-13"));

        for (int receive = 0; receive < 2; receive++) {
            assertEquals(1, aws.sqs().receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().size());
        }
        assertTrue(aws.sqs().receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
        assertEquals("charge order-13", receiveOne(dlqUrl).body());
    }

    private static Message receiveOne(String url) {
        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, messages.size(), "messages in " + url);
        return messages.get(0);
    }
}
