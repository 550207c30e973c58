package dev.cloudjar.apigateway.store;

import java.util.List;
import java.util.Map;

/** A REST API as CreateRestApi made it; its resources are records of their own. */
public record RestApiRecord(String id, String name, String description, String version, long createdDate,
                            List<String> binaryMediaTypes, Integer minimumCompressionSize, String apiKeySource,
                            List<String> endpointTypes, String policy, Map<String, String> tags,
                            boolean disableExecuteApiEndpoint, String rootResourceId) {
}
