package dev.cloudjar.sqs;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.AwsCalls;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.QueueSource;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.sqs.message.MessageOperations;
import dev.cloudjar.sqs.message.MessageSource;
import dev.cloudjar.sqs.queue.QueueOperations;
import dev.cloudjar.sqs.queue.QueueRegistry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon SQS, described by AWS's published model (slimmed at build time). Current SDKs speak
 * awsJson1_0 ({@code X-Amz-Target: AmazonSQS.SendMessage}); older SDKs and the AWS CLI v1 post
 * the query protocol's forms to the queue URL, which the same model describes through its
 * awsQueryCompatible, awsQueryError and xmlName traits.
 *
 * <p>Other services deliver messages through core's delivery queue (S3 notifications, Lambda's
 * dead-letter queues and destinations): SQS receives each with its own SendMessage, run as the
 * source's service principal. Lambda's event source mappings receive and delete through the
 * {@link QueueSource} capability.
 */
public final class SqsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sqs", "sqs", Protocol.AWS_JSON_1_0,
            "dev/cloudjar/sqs/sqs.json", "AmazonSQS", List.of(), false, List.of(Protocol.AWS_QUERY));

    /** Seconds after a PurgeQueue during which another one on the queue fails, as on SQS; 0 turns the limit off. */
    public static final String PURGE_INTERVAL_OPTION = "sqs-purge-interval-seconds";

    private QueueRegistry queues;

    @Override
    public List<CloudjarConfig.Option> options() {
        return List.of(new CloudjarConfig.Option(PURGE_INTERVAL_OPTION, "60",
                "seconds after a PurgeQueue during which another on the same queue fails with PurgeQueueInProgress"
                        + " (0 allows any)"));
    }

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        Clock clock = Clock.systemUTC();
        queues = new QueueRegistry(context.state());
        QueueOperations queueOps = new QueueOperations(queues, clock,
                1000 * context.config().longOption(PURGE_INTERVAL_OPTION, 60));
        operations.on("CreateQueue", queueOps::createQueue)
                .on("GetQueueUrl", queueOps::getQueueUrl)
                .on("GetQueueAttributes", queueOps::getQueueAttributes)
                .on("SetQueueAttributes", queueOps::setQueueAttributes)
                .on("DeleteQueue", queueOps::deleteQueue)
                .on("PurgeQueue", queueOps::purgeQueue)
                .on("ListQueues", queueOps::listQueues)
                .on("TagQueue", queueOps::tagQueue)
                .on("UntagQueue", queueOps::untagQueue)
                .on("ListQueueTags", queueOps::listQueueTags);
        MessageOperations messages = new MessageOperations(queues, clock, context.scheduler(), context.workers());
        operations.on("SendMessage", messages::sendMessage)
                .on("SendMessageBatch", messages::sendMessageBatch)
                .on("ReceiveMessage", messages::receiveMessage)
                .on("DeleteMessage", messages::deleteMessage)
                .on("DeleteMessageBatch", messages::deleteMessageBatch)
                .on("ChangeMessageVisibility", messages::changeMessageVisibility)
                .on("ChangeMessageVisibilityBatch", messages::changeMessageVisibilityBatch);
        context.deliveries().register("sqs", (delivery, attempt) -> receive(context.calls(), delivery));
        context.capabilities().provide(QueueSource.class, new MessageSource(queues, messages));
    }

    /** A delivery to one of our queues: SendMessage to the queue its ARN names, in the ARN's scope. */
    private static void receive(AwsCalls calls, Delivery delivery) {
        Arn queue = delivery.target();
        Map<String, Object> message = new LinkedHashMap<>();
        // SendMessage finds the queue by the account and name at the end of its URL's path.
        message.put("QueueUrl", "https://sqs." + queue.region() + ".amazonaws.com/" + queue.account() + "/" + queue.resource());
        message.put("MessageBody", delivery.body());
        if (!delivery.messageAttributes().isEmpty()) {
            message.put("MessageAttributes", delivery.messageAttributes());
        }
        if (delivery.messageGroupId() != null) {
            message.put("MessageGroupId", delivery.messageGroupId());
        }
        if (delivery.deduplicationId() != null) {
            message.put("MessageDeduplicationId", delivery.deduplicationId());
        }
        calls.call(delivery.callContext(), "sqs", "SendMessage", new Input(message));
    }

    @Override
    public void reset() {
        queues.clear();
    }
}
