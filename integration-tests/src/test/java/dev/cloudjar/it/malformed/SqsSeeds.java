package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Clients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQS, in awsJson1_0 as today's SDKs speak it and in the query protocol older clients still use:
 * queues with a received message, and a valid request for each operation. Receives never wait, so
 * a mutated copy cannot legitimately outlast the generator's deadline.
 */
final class SqsSeeds {
    private SqsSeeds() {
    }

    /** The queues the seeds name, made before any seed is captured. */
    record Queues(String url, String fifoUrl, String receipt) {
        static Queues create(URI endpoint) {
            try (SqsClient sqs = Clients.sqs(endpoint)) {
                String url = sqs.createQueue(b -> b.queueName("gen")).queueUrl();
                String fifo = sqs.createQueue(b -> b.queueName("gen.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
                String receipt = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(600))
                        .messages().get(0).receiptHandle();
                return new Queues(url, fifo, receipt);
            }
        }
    }

    static List<Seed> json(Queues q, SdkCapture capture) {
        MessageAttributeValue text = MessageAttributeValue.builder().dataType("String").stringValue("v").build();
        MessageAttributeValue number = MessageAttributeValue.builder().dataType("Number").stringValue("12.5").build();
        MessageAttributeValue binary = MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromUtf8String("b")).build();
        SqsClient sqs = capture.client(SqsClient.builder());
        return capture.capture(sqs, Protocol.AWS_JSON_1_0, "sqs",
                c -> c.createQueue(b -> b.queueName("gen-new").tags(Map.of("team", "blue"))
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45", QueueAttributeName.DELAY_SECONDS, "0",
                                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "2048"))),
                c -> c.getQueueUrl(b -> b.queueName("gen").queueOwnerAWSAccountId("000000000000")),
                c -> c.getQueueAttributes(b -> b.queueUrl(q.url()).attributeNames(QueueAttributeName.ALL)),
                c -> c.setQueueAttributes(b -> b.queueUrl(q.url()).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:gen.fifo\",\"maxReceiveCount\":\"5\"}"))),
                c -> c.deleteQueue(b -> b.queueUrl(q.url() + "-gone")),
                c -> c.purgeQueue(b -> b.queueUrl(q.url() + "-gone")),
                c -> c.listQueues(b -> b.queueNamePrefix("gen").maxResults(10)),
                c -> c.tagQueue(b -> b.queueUrl(q.url()).tags(Map.of("k", "v"))),
                c -> c.untagQueue(b -> b.queueUrl(q.url()).tagKeys("k")),
                c -> c.listQueueTags(b -> b.queueUrl(q.url())),
                c -> c.sendMessage(b -> b.queueUrl(q.url()).messageBody("hello").delaySeconds(0)
                        .messageAttributes(Map.of("text", text, "number", number, "binary", binary))),
                c -> c.sendMessage(b -> b.queueUrl(q.fifoUrl()).messageBody("fifo").messageGroupId("g")
                        .messageDeduplicationId("d-1")),
                c -> c.sendMessageBatch(b -> b.queueUrl(q.url()).entries(e -> e.id("one").messageBody("1"),
                        e -> e.id("two").messageBody("2").delaySeconds(1).messageAttributes(Map.of("text", text)))),
                c -> c.receiveMessage(b -> b.queueUrl(q.url()).maxNumberOfMessages(10).waitTimeSeconds(0).visibilityTimeout(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")),
                c -> c.deleteMessage(b -> b.queueUrl(q.url()).receiptHandle(q.receipt())),
                c -> c.deleteMessageBatch(b -> b.queueUrl(q.url()).entries(e -> e.id("a").receiptHandle(q.receipt()),
                        e -> e.id("b").receiptHandle("not-a-receipt"))),
                c -> c.changeMessageVisibility(b -> b.queueUrl(q.url()).receiptHandle(q.receipt()).visibilityTimeout(600)),
                c -> c.changeMessageVisibilityBatch(b -> b.queueUrl(q.url()).entries(
                        e -> e.id("a").receiptHandle(q.receipt()).visibilityTimeout(600))));
    }

    /** The same operations as form posts, as the query protocol sends them. */
    static List<Seed> query(Queues q) {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(form("CreateQueue", "/", "QueueName", "gen-query", "Attribute.1.Name", "VisibilityTimeout",
                "Attribute.1.Value", "40", "Tag.1.Key", "team", "Tag.1.Value", "blue"));
        seeds.add(form("GetQueueUrl", "/", "QueueName", "gen"));
        seeds.add(form("GetQueueAttributes", "/", "QueueUrl", q.url(), "AttributeName.1", "All"));
        seeds.add(form("SetQueueAttributes", "/", "QueueUrl", q.url(), "Attribute.1.Name", "DelaySeconds",
                "Attribute.1.Value", "0"));
        seeds.add(form("DeleteQueue", "/", "QueueUrl", q.url() + "-gone"));
        seeds.add(form("ListQueues", "/", "QueueNamePrefix", "gen", "MaxResults", "5"));
        seeds.add(form("TagQueue", "/", "QueueUrl", q.url(), "Tag.1.Key", "k", "Tag.1.Value", "v"));
        seeds.add(form("UntagQueue", "/", "QueueUrl", q.url(), "TagKey.1", "k"));
        seeds.add(form("ListQueueTags", "/", "QueueUrl", q.url()));
        seeds.add(form("SendMessage", "/000000000000/gen", "QueueUrl", q.url(), "MessageBody", "hello",
                "DelaySeconds", "0", "MessageAttribute.1.Name", "n", "MessageAttribute.1.Value.DataType", "Number",
                "MessageAttribute.1.Value.StringValue", "3"));
        seeds.add(form("SendMessageBatch", "/", "QueueUrl", q.url(),
                "SendMessageBatchRequestEntry.1.Id", "a", "SendMessageBatchRequestEntry.1.MessageBody", "1",
                "SendMessageBatchRequestEntry.2.Id", "b", "SendMessageBatchRequestEntry.2.MessageBody", "2",
                "SendMessageBatchRequestEntry.2.DelaySeconds", "1"));
        seeds.add(form("ReceiveMessage", "/", "QueueUrl", q.url(), "MaxNumberOfMessages", "10", "WaitTimeSeconds", "0",
                "VisibilityTimeout", "0", "AttributeName.1", "All", "MessageAttributeName.1", "All"));
        seeds.add(form("DeleteMessage", "/", "QueueUrl", q.url(), "ReceiptHandle", q.receipt()));
        seeds.add(form("DeleteMessageBatch", "/", "QueueUrl", q.url(),
                "DeleteMessageBatchRequestEntry.1.Id", "a", "DeleteMessageBatchRequestEntry.1.ReceiptHandle", q.receipt()));
        seeds.add(form("ChangeMessageVisibility", "/", "QueueUrl", q.url(), "ReceiptHandle", q.receipt(),
                "VisibilityTimeout", "600"));
        seeds.add(form("ChangeMessageVisibilityBatch", "/", "QueueUrl", q.url(),
                "ChangeMessageVisibilityBatchRequestEntry.1.Id", "a",
                "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle", q.receipt(),
                "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout", "600"));
        seeds.add(form("PurgeQueue", "/", "QueueUrl", q.url() + "-gone"));
        return seeds;
    }

    private static Seed form(String action, String path, String... params) {
        StringBuilder body = new StringBuilder("Action=" + action + "&Version=2012-11-05");
        for (int i = 0; i < params.length; i += 2) {
            body.append('&').append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return new Seed(action, Protocol.AWS_QUERY, "sqs", "POST", path, List.of(),
                List.of(new Draft.Pair("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
