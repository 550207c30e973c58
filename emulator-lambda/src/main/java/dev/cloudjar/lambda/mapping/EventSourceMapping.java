package dev.cloudjar.lambda.mapping;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping as stored: what Lambda reads (an SQS queue or a DynamoDB stream), the
 * function it invokes and how; for a stream also where reading resumes ({@code position}, the
 * next sequence number), so that a restart with --data-dir neither repeats nor skips records.
 * Null settings were not given and take Lambda's defaults.
 *
 * @param state Creating, Enabling, Enabled, Disabling or Disabled
 * @param filterPatterns the FilterCriteria patterns, as given
 * @param position a stream's next sequence number, -1 until the poller has chosen its start
 */
public record EventSourceMapping(String uuid, String eventSourceArn, String functionArn, String state,
                                 String stateTransitionReason, int batchSize, int maximumBatchingWindowInSeconds,
                                 String startingPosition, List<String> filterPatterns,
                                 List<String> functionResponseTypes, Integer maximumRetryAttempts,
                                 Integer maximumRecordAgeInSeconds, Boolean bisectBatchOnFunctionError,
                                 Integer parallelizationFactor, Integer tumblingWindowInSeconds, Integer maximumConcurrency,
                                 String onFailure, long lastModifiedMillis, String lastProcessingResult, long position) {

    public boolean readsQueue() {
        return isQueue(eventSourceArn);
    }

    static boolean isQueue(String eventSourceArn) {
        return eventSourceArn.split(":", 4)[2].equals("sqs");
    }

    /** Whether the poller should run: enabled, or on its way to it. */
    public boolean active() {
        return state.equals("Creating") || state.equals("Enabling") || state.equals("Enabled");
    }

    public boolean reportsBatchItemFailures() {
        return functionResponseTypes != null && functionResponseTypes.contains("ReportBatchItemFailures");
    }

    /** MaximumRetryAttempts of a stream mapping; -1 (Lambda's default) retries until the record expires. */
    public int retries() {
        return maximumRetryAttempts == null ? -1 : maximumRetryAttempts;
    }

    public EventSourceMapping withState(String newState, String reason) {
        return new EventSourceMapping(uuid, eventSourceArn, functionArn, newState, reason, batchSize,
                maximumBatchingWindowInSeconds, startingPosition, filterPatterns,
                functionResponseTypes, maximumRetryAttempts, maximumRecordAgeInSeconds, bisectBatchOnFunctionError,
                parallelizationFactor, tumblingWindowInSeconds, maximumConcurrency, onFailure, System.currentTimeMillis(),
                lastProcessingResult, position);
    }

    /** The poller's progress: the stream position it resumes from and the result of its last batch. */
    public EventSourceMapping withProgress(long newPosition, String result) {
        return new EventSourceMapping(uuid, eventSourceArn, functionArn, state, stateTransitionReason, batchSize,
                maximumBatchingWindowInSeconds, startingPosition, filterPatterns,
                functionResponseTypes, maximumRetryAttempts, maximumRecordAgeInSeconds, bisectBatchOnFunctionError,
                parallelizationFactor, tumblingWindowInSeconds, maximumConcurrency, onFailure, lastModifiedMillis,
                result, newPosition);
    }

    /** The EventSourceMappingConfiguration shape. */
    public Map<String, Object> describe(Scope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("UUID", uuid);
        m.put("StartingPosition", startingPosition);
        m.put("BatchSize", batchSize);
        m.put("MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds);
        m.put("ParallelizationFactor", parallelizationFactor);
        m.put("EventSourceArn", eventSourceArn);
        if (filterPatterns != null && !filterPatterns.isEmpty()) {
            m.put("FilterCriteria", Map.of("Filters", filterPatterns.stream().map(p -> Map.of("Pattern", p)).toList()));
        }
        m.put("FunctionArn", functionArn);
        m.put("LastModified", Instant.ofEpochMilli(lastModifiedMillis));
        m.put("LastProcessingResult", lastProcessingResult);
        m.put("State", state);
        m.put("StateTransitionReason", stateTransitionReason);
        if (!readsQueue()) {
            m.put("DestinationConfig", Map.of("OnFailure", onFailure == null ? Map.of() : Map.of("Destination", onFailure)));
            m.put("MaximumRecordAgeInSeconds", maximumRecordAgeInSeconds == null ? -1 : maximumRecordAgeInSeconds);
            m.put("BisectBatchOnFunctionError", bisectBatchOnFunctionError != null && bisectBatchOnFunctionError);
            m.put("MaximumRetryAttempts", retries());
            m.put("TumblingWindowInSeconds", tumblingWindowInSeconds == null ? 0 : tumblingWindowInSeconds);
        }
        m.put("FunctionResponseTypes", functionResponseTypes == null ? List.of() : functionResponseTypes);
        if (maximumConcurrency != null) {
            m.put("ScalingConfig", Map.of("MaximumConcurrency", maximumConcurrency));
        }
        m.put("EventSourceMappingArn", Arn.of("lambda", scope, "event-source-mapping:" + uuid).toString());
        return m;
    }
}
