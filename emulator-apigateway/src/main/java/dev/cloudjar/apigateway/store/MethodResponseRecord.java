package dev.cloudjar.apigateway.store;

import java.util.Map;

public record MethodResponseRecord(String statusCode, Map<String, Boolean> responseParameters,
                                   Map<String, String> responseModels) {
}
