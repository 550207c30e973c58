package dev.cloudjar.events.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule's target as PutTargets gave it: the members EventBridge documents for SQS, Lambda and SNS
 * targets. {@code inputPathsMap} and {@code inputTemplate} are the InputTransformer's; the retry
 * members are null where the target states none (EventBridge's defaults: 185 attempts, 24 hours).
 * {@code httpParameters} is an API destination target's HttpParameters as given (PathParameterValues,
 * HeaderParameters, QueryStringParameters), else null.
 */
public record TargetRecord(String id, String arn, String roleArn, String input, String inputPath,
                           Map<String, String> inputPathsMap, String inputTemplate, String messageGroupId,
                           String deadLetterArn, Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
                           Map<String, Object> httpParameters) {
    public TargetRecord {
        inputPathsMap = inputPathsMap == null ? null : new LinkedHashMap<>(inputPathsMap);
        httpParameters = httpParameters == null ? null : new LinkedHashMap<>(httpParameters);
    }

    /** A target without HttpParameters: every target but an API destination's. */
    public TargetRecord(String id, String arn, String roleArn, String input, String inputPath,
                        Map<String, String> inputPathsMap, String inputTemplate, String messageGroupId,
                        String deadLetterArn, Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {
        this(id, arn, roleArn, input, inputPath, inputPathsMap, inputTemplate, messageGroupId, deadLetterArn,
                maximumRetryAttempts, maximumEventAgeInSeconds, null);
    }
}
