package dev.cloudjar.dynamodb.stream;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StreamSource;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table streams as {@link StreamSource} for in-process consumers, in the scope of the
 * stream ARN's account and region; records in the form Lambda's DynamoDB events carry them.
 */
public final class StreamReader implements StreamSource {
    private final TableStreams streams;

    public StreamReader(TableStreams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<Shard> shard(String streamArn) {
        Scope scope = scopeOf(streamArn);
        return streams.tableOf(scope, streamArn).map(table -> new Shard(TableStreams.shardId(table),
                streams.oldest(scope, table, table.streamLabel()), streams.latest(scope, table, table.streamLabel()) + 1));
    }

    @Override
    public List<ShardRecord> read(String streamArn, long from, int limit) {
        Scope scope = scopeOf(streamArn);
        Optional<TableDefinition> table = streams.tableOf(scope, streamArn);
        if (table.isEmpty()) {
            return List.of();
        }
        List<ShardRecord> out = new ArrayList<>();
        for (StreamRecord record : streams.read(scope, table.get(), table.get().streamLabel(), from, limit)) {
            out.add(new ShardRecord(record.sequenceNumber(), record.createdAtMillis(),
                    event(record.wire(scope.region(), streamArn))));
        }
        return out;
    }

    /** GetRecords' record with ApproximateCreationDateTime in epoch seconds, as Lambda's event has it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> wire) {
        Map<String, Object> dynamodb = new LinkedHashMap<>((Map<String, Object>) wire.get("dynamodb"));
        dynamodb.put("ApproximateCreationDateTime", ((Instant) dynamodb.get("ApproximateCreationDateTime")).getEpochSecond());
        Map<String, Object> event = new LinkedHashMap<>(wire);
        event.put("dynamodb", dynamodb);
        return event;
    }

    /** The scope of arn:aws:dynamodb:region:account:table/name/stream/label; an ARN of another form finds nothing. */
    private static Scope scopeOf(String streamArn) {
        String[] parts = streamArn.split(":", 6);
        return parts.length == 6 ? new Scope(parts[4], parts[3]) : new Scope("", "");
    }
}
