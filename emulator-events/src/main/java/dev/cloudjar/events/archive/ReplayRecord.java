package dev.cloudjar.events.archive;

import java.util.List;

/**
 * A replay as stored, with its progress: {@code cursor} is the key of the last archived event it
 * handed to the bus's rules, so a replay interrupted by a restart goes on after it. Times are
 * epoch milliseconds, null until they happen.
 */
public record ReplayRecord(String name, String arn, String description, String eventSourceArn, String archiveName,
                           String destinationArn, String busName, List<String> filterArns, long eventStartTime,
                           long eventEndTime, String state, String stateReason, long replayStartTime,
                           Long replayEndTime, Long eventLastReplayedTime, String cursor) {
    public ReplayRecord {
        filterArns = filterArns == null ? List.of() : List.copyOf(filterArns);
    }

    boolean active() {
        return state.equals("STARTING") || state.equals("RUNNING") || state.equals("CANCELLING");
    }

    ReplayRecord progressed(String changedState, String changedCursor, Long lastReplayed) {
        return new ReplayRecord(name, arn, description, eventSourceArn, archiveName, destinationArn, busName, filterArns,
                eventStartTime, eventEndTime, changedState, stateReason, replayStartTime, replayEndTime, lastReplayed,
                changedCursor);
    }

    ReplayRecord ended(String changedState, String reason, long at) {
        return new ReplayRecord(name, arn, description, eventSourceArn, archiveName, destinationArn, busName, filterArns,
                eventStartTime, eventEndTime, changedState, reason, replayStartTime, at, eventLastReplayedTime, cursor);
    }
}
