package dev.cloudjar.dynamodb.stream;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords. Each
 * stream has one shard, open while the stream is enabled; a shard iterator is an opaque token
 * naming the stream and the next sequence number to read.
 */
public final class StreamOperations {
    private static final int MAX_RECORDS = 1000;

    private final TableStreams streams;

    public StreamOperations(TableStreams streams) {
        this.streams = streams;
    }

    public Output listStreams(RequestContext context, Input input) {
        Scope scope = context.scope();
        String tableName = input.string("TableName");
        if (tableName != null && streams.catalog().find(scope, tableName).isEmpty()) {
            throw notFound("Requested resource not found: Table: " + tableName + " not found");
        }
        int limit = input.has("Limit") ? input.integer("Limit") : 100;
        String start = input.string("ExclusiveStartStreamArn");
        List<Object> listed = new ArrayList<>();
        String lastEvaluated = null;
        for (String name : streams.catalog().names(scope)) {
            Optional<TableDefinition> table = streams.catalog().find(scope, name);
            if (table.isEmpty() || table.get().streamLabel() == null
                    || (tableName != null && !tableName.equals(name))) {
                continue;
            }
            String arn = table.get().streamArn();
            if (start != null && arn.compareTo(start) <= 0) {
                continue;
            }
            if (listed.size() == limit) {
                break;
            }
            listed.add(Map.of("StreamArn", arn, "TableName", name, "StreamLabel", table.get().streamLabel()));
            lastEvaluated = listed.size() == limit ? arn : null;
        }
        return Output.empty().put("Streams", listed).put("LastEvaluatedStreamArn", lastEvaluated);
    }

    public Output describeStream(RequestContext context, Input input) {
        Stream stream = stream(context.scope(), input.string("StreamArn"));
        TableDefinition table = stream.table();
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("StartingSequenceNumber", StreamRecord.sequenceString(streams.oldest(context.scope(), table, stream.label())));
        if (!stream.open()) {
            range.put("EndingSequenceNumber", StreamRecord.sequenceString(streams.latest(context.scope(), table, stream.label())));
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("StreamArn", stream.arn());
        description.put("StreamLabel", stream.label());
        description.put("StreamStatus", stream.open() ? "ENABLED" : "DISABLED");
        description.put("StreamViewType", stream.viewType());
        description.put("CreationRequestDateTime", labelTime(stream.label()));
        description.put("TableName", table.name());
        description.put("KeySchema", table.keySchema().wire());
        description.put("Shards", List.of(Map.of("ShardId", stream.shardId(), "SequenceNumberRange", range)));
        return Output.empty().put("StreamDescription", description);
    }

    public Output getShardIterator(RequestContext context, Input input) {
        Scope scope = context.scope();
        Stream stream = stream(scope, input.string("StreamArn"));
        if (!stream.shardId().equals(input.string("ShardId"))) {
            throw notFound("Requested resource not found: Shard does not exist");
        }
        String type = input.string("ShardIteratorType");
        String sequenceNumber = input.string("SequenceNumber");
        boolean atOrAfter = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        if (atOrAfter != (sequenceNumber != null)) {
            throw AwsException.client("ValidationException", atOrAfter
                    ? "Must specify a sequence number for iterator type " + type
                    : "Sequence number must not be specified for iterator type " + type);
        }
        long next = switch (type) {
            case "TRIM_HORIZON" -> streams.oldest(scope, stream.table(), stream.label());
            case "LATEST" -> streams.latest(scope, stream.table(), stream.label()) + 1;
            default -> sequence(sequenceNumber) + (type.equals("AFTER_SEQUENCE_NUMBER") ? 1 : 0);
        };
        if (atOrAfter && next < streams.oldest(scope, stream.table(), stream.label())) {
            throw AwsException.client("TrimmedDataAccessException",
                    "The requested sequence number is beyond the trim horizon of the shard");
        }
        return Output.empty().put("ShardIterator", iterator(stream.arn(), next));
    }

    public Output getRecords(RequestContext context, Input input) {
        Scope scope = context.scope();
        String[] position = position(input.string("ShardIterator"));
        Stream stream = stream(scope, position[0]);
        long next = Long.parseLong(position[1]);
        int limit = input.has("Limit") ? Math.min(input.integer("Limit"), MAX_RECORDS) : MAX_RECORDS;
        List<Object> records = new ArrayList<>();
        for (StreamRecord record : streams.read(scope, stream.table(), stream.label(), next, limit)) {
            records.add(record.wire(scope.region(), stream.arn()));
            next = record.sequenceNumber() + 1;
        }
        // A closed shard read to its end has no next iterator: the consumer moves to its child shards.
        boolean exhausted = !stream.open() && next > streams.latest(scope, stream.table(), stream.label());
        return Output.empty().put("Records", records)
                .put("NextShardIterator", exhausted ? null : iterator(stream.arn(), next));
    }

    /** A stream, found by its ARN: the table's latest stream, open while the table's stream is enabled. */
    private record Stream(String arn, TableDefinition table, String label) {
        boolean open() {
            return table.streamViewType() != null;
        }

        String viewType() {
            return table.streamViewType() != null ? table.streamViewType() : "KEYS_ONLY";
        }

        String shardId() {
            return TableStreams.shardId(table);
        }
    }

    private Stream stream(Scope scope, String arn) {
        return streams.tableOf(scope, arn)
                .map(t -> new Stream(arn, t, t.streamLabel()))
                .orElseThrow(() -> notFound("Requested resource not found: Stream: " + arn + " not found"));
    }

    private static String iterator(String streamArn, long next) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((streamArn + "|" + next).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] position(String iterator) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|");
            Long.parseLong(parts[1]);
            return parts;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw AwsException.client("ValidationException", "Invalid ShardIterator");
        }
    }

    private static long sequence(String sequenceNumber) {
        try {
            return Long.parseLong(sequenceNumber);
        } catch (NumberFormatException e) {
            throw AwsException.client("ValidationException", "Invalid SequenceNumber: " + sequenceNumber);
        }
    }

    private static Instant labelTime(String label) {
        return LocalDateTime.parse(label).toInstant(ZoneOffset.UTC);
    }

    private static AwsException notFound(String message) {
        return AwsException.client("ResourceNotFoundException", message);
    }
}
