package dev.cloudjar.sns;

import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.sns.publish.Fanout;
import dev.cloudjar.sns.publish.MessageSigner;
import dev.cloudjar.sns.publish.PublishOperations;
import dev.cloudjar.sns.publish.FilterPolicies;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.subscription.SubscriptionOperations;
import dev.cloudjar.sns.topic.TopicOperations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Amazon SNS over the query protocol, described by a hand-written model. Topics and subscriptions
 * live in the storage SPI; a published message reaches SQS queues and Lambda functions through
 * core's delivery queue. Payloads other services deliver to a topic (S3's notifications) are
 * published with SNS's own Publish, run as the source's service principal.
 */
public final class SnsService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sns", "sns", Protocol.AWS_QUERY,
            "dev/cloudjar/sns/sns.json", null, List.of(), false);

    private final MessageSigner signer = new MessageSigner();
    private ScheduledFuture<?> expiry;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        Clock clock = Clock.systemUTC();
        SnsStore store = new SnsStore(context.state());
        TopicOperations topics = new TopicOperations(store);
        operations.on("CreateTopic", topics::createTopic)
                .on("DeleteTopic", topics::deleteTopic)
                .on("ListTopics", topics::listTopics)
                .on("GetTopicAttributes", topics::getTopicAttributes)
                .on("SetTopicAttributes", topics::setTopicAttributes)
                .on("TagResource", topics::tagResource)
                .on("UntagResource", topics::untagResource)
                .on("ListTagsForResource", topics::listTagsForResource);
        SubscriptionOperations subscriptions = new SubscriptionOperations(store);
        operations.on("Subscribe", subscriptions::subscribe)
                .on("ConfirmSubscription", subscriptions::confirmSubscription)
                .on("Unsubscribe", subscriptions::unsubscribe)
                .on("ListSubscriptions", subscriptions::listSubscriptions)
                .on("ListSubscriptionsByTopic", subscriptions::listSubscriptionsByTopic)
                .on("GetSubscriptionAttributes", subscriptions::getSubscriptionAttributes)
                .on("SetSubscriptionAttributes", subscriptions::setSubscriptionAttributes);
        Fanout fanout = new Fanout(store, context.deliveries(), signer, new FilterPolicies(), context.endpoint());
        PublishOperations publish = new PublishOperations(store, fanout, clock);
        operations.on("Publish", publish::publish)
                .on("PublishBatch", publish::publishBatch);
        expiry = context.periodically("SNS deduplication expiry", 1, 1, TimeUnit.MINUTES, () -> store.forgetExpired(clock.millis()));
        context.deliveries().register("sns", (delivery, attempt) -> context.calls().call(delivery.callContext(), "sns",
                "Publish", publishInput(delivery)));
    }

    /**
     * A delivery to a topic as its Publish: the body is the message; attributes the delivery
     * carries (a Lambda dead-letter message's RequestID, ErrorCode and ErrorMessage) are the message's.
     */
    private static Input publishInput(Delivery delivery) {
        Map<String, Object> publish = new LinkedHashMap<>();
        publish.put("TopicArn", delivery.targetArn());
        publish.put("Message", delivery.body());
        if (!delivery.messageAttributes().isEmpty()) {
            publish.put("MessageAttributes", delivery.messageAttributes());
        }
        return new Input(publish);
    }

    @Override
    public void stop() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /** The certificate of the key notifications are signed with, at the URL their SigningCertURL names. */
    @Override
    public List<RawRoute> rawRoutes() {
        return List.of(new RawRoute("SNS signing certificate", r -> r.rawPath().equals(Fanout.SIGNING_PATH),
                r -> Response.of(200, "application/x-pem-file", signer.certificatePem().getBytes(StandardCharsets.US_ASCII))));
    }
}
