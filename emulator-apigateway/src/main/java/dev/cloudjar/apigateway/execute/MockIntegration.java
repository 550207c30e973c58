package dev.cloudjar.apigateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.apigateway.store.IntegrationRecord;
import dev.cloudjar.apigateway.store.IntegrationResponseRecord;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.spi.RecordJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A MOCK integration: the request template's {@code statusCode} picks the integration response
 * (as API Gateway's mock integrations documentation shows, {@code {"statusCode": 200}}); without
 * one, the default response (no selection pattern) answers. Its application/json template is
 * sent as it is written: mapping templates are not evaluated yet.
 */
final class MockIntegration {
    private MockIntegration() {
    }

    static Response answer(IntegrationRecord integration) {
        Map<String, IntegrationResponseRecord> responses = integration.integrationResponses();
        IntegrationResponseRecord chosen = null;
        String statusCode = requestedStatus(integration);
        if (statusCode != null) {
            chosen = responses.get(statusCode);
        }
        if (chosen == null) {
            chosen = responses.values().stream()
                    .filter(r -> r.selectionPattern() == null || r.selectionPattern().isEmpty())
                    .findFirst().orElse(null);
        }
        if (chosen == null) {
            return ExecuteApi.internalServerError();
        }
        String body = chosen.responseTemplates() == null ? null : chosen.responseTemplates().get("application/json");
        return Response.of(Integer.parseInt(chosen.statusCode()), "application/json",
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    private static String requestedStatus(IntegrationRecord integration) {
        String template = integration.requestTemplates() == null ? null : integration.requestTemplates().get("application/json");
        if (template == null) {
            return null;
        }
        try {
            JsonNode code = RecordJson.mapper().readTree(template).get("statusCode");
            return code == null ? null : code.asText();
        } catch (IOException e) {
            return null;
        }
    }
}
