package dev.cloudjar.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB table streams offered to in-process consumers (Lambda's event source mappings)
 * through {@link Capabilities}: a stream's one shard read from a sequence number on, as
 * GetShardIterator and GetRecords read it.
 */
public interface StreamSource {

    /** The stream's shard while the ARN names a table's current stream, enabled or not. */
    Optional<Shard> shard(String streamArn);

    /** Up to {@code limit} records from sequence number {@code from} on, oldest first. */
    List<ShardRecord> read(String streamArn, long from, int limit);

    /**
     * @param trimHorizon the sequence number of the oldest record kept (TRIM_HORIZON)
     * @param next        the sequence number the next record will get (LATEST)
     */
    record Shard(String shardId, long trimHorizon, long next) {
    }

    /**
     * A record in the form of a Lambda DynamoDB event's record (eventID, eventName, eventVersion,
     * eventSource, awsRegion, dynamodb{ApproximateCreationDateTime in epoch seconds, Keys,
     * NewImage, OldImage, SequenceNumber, SizeBytes, StreamViewType}, eventSourceARN), as JSON-ready
     * maps, lists, strings, numbers and byte arrays (binary values).
     */
    record ShardRecord(long sequenceNumber, long createdAtMillis, Map<String, Object> event) {
    }
}
