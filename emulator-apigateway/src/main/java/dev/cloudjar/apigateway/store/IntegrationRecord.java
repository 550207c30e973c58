package dev.cloudjar.apigateway.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A method's integration with its integration responses by status code. */
public record IntegrationRecord(String type, String httpMethod, String uri, String connectionType, String connectionId,
                                String credentials, Map<String, String> requestParameters,
                                Map<String, String> requestTemplates, String passthroughBehavior,
                                String contentHandling, int timeoutInMillis, String cacheNamespace,
                                List<String> cacheKeyParameters,
                                Map<String, IntegrationResponseRecord> integrationResponses) {
    public IntegrationRecord {
        integrationResponses = integrationResponses == null ? new LinkedHashMap<>() : new LinkedHashMap<>(integrationResponses);
    }

    public IntegrationRecord withIntegrationResponse(IntegrationResponseRecord response) {
        Map<String, IntegrationResponseRecord> changed = new LinkedHashMap<>(integrationResponses);
        changed.put(response.statusCode(), response);
        return new IntegrationRecord(type, httpMethod, uri, connectionType, connectionId, credentials,
                requestParameters, requestTemplates, passthroughBehavior, contentHandling, timeoutInMillis,
                cacheNamespace, cacheKeyParameters, changed);
    }
}
