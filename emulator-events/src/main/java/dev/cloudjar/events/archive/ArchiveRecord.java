package dev.cloudjar.events.archive;

/**
 * An archive as stored: the bus whose events it keeps (by name, in the archive's scope), its
 * optional pattern, and its retention in days (0: indefinitely).
 */
public record ArchiveRecord(String name, String arn, String eventSourceArn, String busName, String description,
                            String eventPattern, int retentionDays, long creationTime) {

    ArchiveRecord with(String changedDescription, String changedPattern, int changedRetention) {
        return new ArchiveRecord(name, arn, eventSourceArn, busName, changedDescription, changedPattern, changedRetention,
                creationTime);
    }

    /** The oldest event time still kept at {@code now}, or {@link Long#MIN_VALUE} when nothing expires. */
    long keptSince(long now) {
        return retentionDays == 0 ? Long.MIN_VALUE : now - retentionDays * 86_400_000L;
    }
}
