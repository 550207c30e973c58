package dev.cloudjar.lambda.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StreamSource;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.invoke.Destinations;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a DynamoDB stream's shard for one mapping as Lambda does: batches of up to BatchSize
 * records in order from the mapping's position (TRIM_HORIZON or LATEST at first), the position
 * saved after each batch. A failed batch is retried after a back-off, halved each time with
 * BisectBatchOnFunctionError, until MaximumRetryAttempts; then its records go to the OnFailure
 * destination as a DDBStreamBatchInfo record and reading moves past them. With
 * ReportBatchItemFailures the retry starts at the first failed record. Records older than
 * MaximumRecordAgeInSeconds go to the OnFailure destination unprocessed; records no filter
 * pattern matches are skipped.
 */
final class StreamPoller implements MappingPollers.BatchPoller {
    static final String NO_RECORDS = "No records processed";
    private static final String OK = "OK";
    private static final String FAILED = "PROBLEM: Function call failed";
    private static final long MAX_BACK_OFF_MILLIS = 10_000;

    private final Scope scope;
    private final Supplier<Optional<StreamSource>> streams;
    private final BatchInvoker invoker;
    private final LambdaStore store;
    private final Destinations destinations;
    private int attempts;
    private int bisectedSize;
    private long firstSeenAt;

    StreamPoller(Scope scope, Supplier<Optional<StreamSource>> streams, BatchInvoker invoker, LambdaStore store,
                 Destinations destinations) {
        this.scope = scope;
        this.streams = streams;
        this.invoker = invoker;
        this.store = store;
        this.destinations = destinations;
    }

    @Override
    public long poll(EventSourceMapping mapping) {
        StreamSource source = streams.get().orElse(null);
        String arn = mapping.eventSourceArn();
        StreamSource.Shard shard = source == null ? null : source.shard(arn).orElse(null);
        if (shard == null) {
            return MappingPollers.IDLE_MILLIS;
        }
        long position = mapping.position();
        if (position < 0) {
            position = "LATEST".equals(mapping.startingPosition()) ? shard.next() : shard.trimHorizon();
            save(mapping, position, NO_RECORDS);
        }
        // Records past the 24-hour retention are gone: reading resumes at the oldest kept.
        position = Math.max(position, shard.trimHorizon());
        int limit = bisectedSize > 0 ? bisectedSize : mapping.batchSize();
        List<StreamSource.ShardRecord> batch = source.read(arn, position, limit);
        if (batch.isEmpty()) {
            return MappingPollers.IDLE_MILLIS;
        }
        List<StreamSource.ShardRecord> expired = expired(mapping, batch);
        if (!expired.isEmpty()) {
            discard(mapping, shard, expired, "RecordAgeExceeded", null);
            save(mapping, expired.get(expired.size() - 1).sequenceNumber() + 1, mapping.lastProcessingResult());
            return MappingPollers.AT_ONCE;
        }
        if (waitingForMore(mapping, batch.size())) {
            return MappingPollers.IDLE_MILLIS;
        }
        long end = batch.get(batch.size() - 1).sequenceNumber() + 1;
        EventFilter filter = EventFilter.of(mapping.filterPatterns());
        List<Map<String, Object>> records = new ArrayList<>();
        for (StreamSource.ShardRecord record : batch) {
            if (filter.matches(record.event())) {
                records.add(record.event());
            }
        }
        if (records.isEmpty()) {
            save(mapping, end, mapping.lastProcessingResult());
            return MappingPollers.AT_ONCE;
        }
        BatchInvoker.Outcome outcome = invoker.invoke(scope, mapping, records);
        if (outcome.throttled()) {
            return MappingPollers.IDLE_MILLIS;
        }
        long failedFrom = outcome.succeeded() ? firstFailure(mapping, outcome, batch) : position;
        if (failedFrom == end) {
            attempts = 0;
            bisectedSize = 0;
            save(mapping, end, OK);
            return MappingPollers.AT_ONCE;
        }
        attempts++;
        List<StreamSource.ShardRecord> failed = batch.stream().filter(r -> r.sequenceNumber() >= failedFrom).toList();
        if (mapping.retries() >= 0 && attempts > mapping.retries()) {
            discard(mapping, shard, failed, "RetryAttemptsExhausted", outcome);
            save(mapping, end, FAILED);
            return MappingPollers.AT_ONCE;
        }
        if (Boolean.TRUE.equals(mapping.bisectBatchOnFunctionError()) && failed.size() > 1) {
            bisectedSize = (failed.size() + 1) / 2;
        }
        save(mapping, failedFrom, FAILED);
        return backOff();
    }

    /** The wait before retrying a failed batch: doubling from 200 ms up to 10 seconds, so a failing function is not spun. */
    private long backOff() {
        return Math.min(MAX_BACK_OFF_MILLIS, MappingPollers.IDLE_MILLIS << Math.min(attempts, 10));
    }

    /** The leading records older than MaximumRecordAgeInSeconds (-1, the default, keeps them however old). */
    private static List<StreamSource.ShardRecord> expired(EventSourceMapping mapping, List<StreamSource.ShardRecord> batch) {
        Integer maxAge = mapping.maximumRecordAgeInSeconds();
        if (maxAge == null || maxAge < 0) {
            return List.of();
        }
        long cutoff = System.currentTimeMillis() - maxAge * 1000L;
        int expired = 0;
        while (expired < batch.size() && batch.get(expired).createdAtMillis() < cutoff) {
            expired++;
        }
        return batch.subList(0, expired);
    }

    /** Gives records up: their batch's record to the OnFailure destination, if any; the next batch starts afresh. */
    private void discard(EventSourceMapping mapping, StreamSource.Shard shard, List<StreamSource.ShardRecord> records,
                         String condition, BatchInvoker.Outcome outcome) {
        if (mapping.onFailure() != null) {
            destinations.send(mapping.onFailure(), failureRecord(mapping, shard, records, condition, outcome), Map.of(),
                    mapping.functionArn());
        }
        attempts = 0;
        bisectedSize = 0;
    }

    /** Whether to wait for a fuller batch: MaximumBatchingWindowInSeconds since records were first seen. */
    private boolean waitingForMore(EventSourceMapping mapping, int available) {
        if (available >= mapping.batchSize() || bisectedSize > 0 || mapping.maximumBatchingWindowInSeconds() == 0) {
            firstSeenAt = 0;
            return false;
        }
        long now = System.currentTimeMillis();
        if (firstSeenAt == 0) {
            firstSeenAt = now;
        }
        if (now - firstSeenAt < mapping.maximumBatchingWindowInSeconds() * 1000L) {
            return true;
        }
        firstSeenAt = 0;
        return false;
    }

    /**
     * Where processing must resume after a successful invocation: past the batch, or with
     * ReportBatchItemFailures at the lowest sequence number the function reports (the whole batch
     * for a response Lambda cannot read).
     */
    private static long firstFailure(EventSourceMapping mapping, BatchInvoker.Outcome outcome,
                                     List<StreamSource.ShardRecord> batch) {
        long start = batch.get(0).sequenceNumber();
        long end = batch.get(batch.size() - 1).sequenceNumber() + 1;
        if (!mapping.reportsBatchItemFailures()) {
            return end;
        }
        JsonNode failures;
        try {
            failures = RecordJson.mapper().readTree(outcome.result().payload()).path("batchItemFailures");
        } catch (IOException e) {
            return start;
        }
        long first = end;
        for (JsonNode failure : failures) {
            try {
                long sequence = Long.parseLong(failure.path("itemIdentifier").asText(""));
                if (sequence < start || sequence >= end) {
                    return start;
                }
                first = Math.min(first, sequence);
            } catch (NumberFormatException e) {
                return start;
            }
        }
        return first;
    }

    private void save(EventSourceMapping mapping, long position, String result) {
        store.updateMapping(scope, mapping.uuid(), m -> m.withProgress(position, result));
    }

    /** Lambda's record of a stream batch given up on, as OnFailure destinations receive it. */
    private String failureRecord(EventSourceMapping mapping, StreamSource.Shard shard, List<StreamSource.ShardRecord> failed,
                                 String condition, BatchInvoker.Outcome outcome) {
        ObjectNode record = RecordJson.mapper().createObjectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", java.util.UUID.randomUUID().toString());
        request.put("functionArn", mapping.functionArn());
        request.put("condition", condition);
        request.put("approximateInvokeCount", attempts);
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        if (outcome != null && outcome.result() != null) {
            response.put("executedVersion", outcome.result().executedVersion());
            if (outcome.result().functionError() != null) {
                response.put("functionError", outcome.result().functionError());
            }
        }
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode info = record.putObject("DDBStreamBatchInfo");
        info.put("shardId", shard.shardId());
        info.put("startSequenceNumber", sequenceNumber(failed.get(0)));
        info.put("endSequenceNumber", sequenceNumber(failed.get(failed.size() - 1)));
        info.put("approximateArrivalOfFirstRecord", Instant.ofEpochMilli(failed.get(0).createdAtMillis()).toString());
        info.put("approximateArrivalOfLastRecord", Instant.ofEpochMilli(failed.get(failed.size() - 1).createdAtMillis()).toString());
        info.put("batchSize", failed.size());
        info.put("streamArn", mapping.eventSourceArn());
        return record.toString();
    }

    /** The sequence number as the record carries it: dynamodb.SequenceNumber. */
    @SuppressWarnings("unchecked")
    private static String sequenceNumber(StreamSource.ShardRecord record) {
        return String.valueOf(((Map<String, Object>) record.event().get("dynamodb")).get("SequenceNumber"));
    }
}
