package dev.cloudjar.apigateway.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A method of a resource, its method responses by status code and its integration (null until PutIntegration). */
public record MethodRecord(String httpMethod, String authorizationType, String authorizerId, boolean apiKeyRequired,
                           String operationName, Map<String, Boolean> requestParameters,
                           Map<String, String> requestModels, String requestValidatorId,
                           List<String> authorizationScopes, Map<String, MethodResponseRecord> methodResponses,
                           IntegrationRecord integration) {
    public MethodRecord {
        methodResponses = methodResponses == null ? new LinkedHashMap<>() : new LinkedHashMap<>(methodResponses);
    }

    public MethodRecord withIntegration(IntegrationRecord changed) {
        return new MethodRecord(httpMethod, authorizationType, authorizerId, apiKeyRequired, operationName,
                requestParameters, requestModels, requestValidatorId, authorizationScopes, methodResponses, changed);
    }

    public MethodRecord withMethodResponse(MethodResponseRecord response) {
        Map<String, MethodResponseRecord> changed = new LinkedHashMap<>(methodResponses);
        changed.put(response.statusCode(), response);
        return new MethodRecord(httpMethod, authorizationType, authorizerId, apiKeyRequired, operationName,
                requestParameters, requestModels, requestValidatorId, authorizationScopes, changed, integration);
    }
}
