package dev.cloudjar.it.events;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;

/** What the archive tests share: waiting for a replay to end. */
final class Replays {
    private Replays() {
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
