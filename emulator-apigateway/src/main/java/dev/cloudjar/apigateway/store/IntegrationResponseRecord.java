package dev.cloudjar.apigateway.store;

import java.util.Map;

public record IntegrationResponseRecord(String statusCode, String selectionPattern,
                                        Map<String, String> responseParameters,
                                        Map<String, String> responseTemplates, String contentHandling) {
}
