package dev.cloudjar.events.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule's target as PutTargets gave it: the members EventBridge documents for SQS, Lambda and SNS
 * targets. {@code inputPathsMap} and {@code inputTemplate} are the InputTransformer's; the retry
 * members are null where the target states none (EventBridge's defaults: 185 attempts, 24 hours).
 */
public record TargetRecord(String id, String arn, String roleArn, String input, String inputPath,
                           Map<String, String> inputPathsMap, String inputTemplate, String messageGroupId,
                           String deadLetterArn, Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {
    public TargetRecord {
        inputPathsMap = inputPathsMap == null ? null : new LinkedHashMap<>(inputPathsMap);
    }
}
