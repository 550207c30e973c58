package dev.cloudjar.it.events;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the archive and dead-letter tests share: a queue's ARN, and waiting for a replay to end. */
final class Replays {
    private Replays() {
    }

    static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The replay once it is no longer starting or running (a replay runs after StartReplay answers), or after 20 s. */
    static DescribeReplayResponse ended(EventBridgeClient events, String name) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        DescribeReplayResponse replay = events.describeReplay(b -> b.replayName(name));
        while ((replay.state() == ReplayState.STARTING || replay.state() == ReplayState.RUNNING) && System.nanoTime() < end) {
            Thread.sleep(20);
            replay = events.describeReplay(b -> b.replayName(name));
        }
        return replay;
    }
}
