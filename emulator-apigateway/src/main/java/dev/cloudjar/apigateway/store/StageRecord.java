package dev.cloudjar.apigateway.store;

import java.util.Map;

public record StageRecord(String stageName, String deploymentId, String description, Map<String, String> variables,
                          boolean cacheClusterEnabled, String cacheClusterSize, boolean tracingEnabled,
                          Map<String, String> tags, long createdDate, long lastUpdatedDate) {
}
