package dev.cloudjar.apigateway;

import dev.cloudjar.apigateway.store.DeploymentRecord;
import dev.cloudjar.apigateway.store.IntegrationRecord;
import dev.cloudjar.apigateway.store.IntegrationResponseRecord;
import dev.cloudjar.apigateway.store.MethodRecord;
import dev.cloudjar.apigateway.store.MethodResponseRecord;
import dev.cloudjar.apigateway.store.ResourceRecord;
import dev.cloudjar.apigateway.store.RestApiRecord;
import dev.cloudjar.apigateway.store.StageRecord;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** API Gateway's output structures (RestApi, Resource, Method, ...) built from the stored records. */
public final class Views {
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 500;
    private Views() {
    }

    public static Map<String, Object> restApi(RestApiRecord api) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", api.id());
        put(m, "name", api.name());
        put(m, "description", api.description());
        put(m, "version", api.version());
        put(m, "createdDate", Instant.ofEpochSecond(api.createdDate()));
        put(m, "binaryMediaTypes", api.binaryMediaTypes());
        put(m, "minimumCompressionSize", api.minimumCompressionSize());
        put(m, "apiKeySource", api.apiKeySource());
        put(m, "endpointConfiguration", Map.of("types", api.endpointTypes()));
        put(m, "policy", api.policy());
        put(m, "tags", api.tags());
        put(m, "disableExecuteApiEndpoint", api.disableExecuteApiEndpoint());
        put(m, "rootResourceId", api.rootResourceId());
        return m;
    }

    /** A resource; its methods whole when {@code embedMethods}, else each as an empty summary, as GetResources answers without embed. */
    public static Map<String, Object> resource(ResourceRecord resource, boolean embedMethods) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", resource.id());
        put(m, "parentId", resource.parentId());
        put(m, "pathPart", resource.pathPart());
        put(m, "path", resource.path());
        if (!resource.methods().isEmpty()) {
            Map<String, Object> methods = new LinkedHashMap<>();
            resource.methods().forEach((name, method) -> methods.put(name, embedMethods ? method(method) : Map.of()));
            m.put("resourceMethods", methods);
        }
        return m;
    }

    public static Map<String, Object> method(MethodRecord method) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "httpMethod", method.httpMethod());
        put(m, "authorizationType", method.authorizationType());
        put(m, "authorizerId", method.authorizerId());
        put(m, "apiKeyRequired", method.apiKeyRequired());
        put(m, "operationName", method.operationName());
        put(m, "requestParameters", method.requestParameters());
        put(m, "requestModels", method.requestModels());
        put(m, "requestValidatorId", method.requestValidatorId());
        put(m, "authorizationScopes", method.authorizationScopes());
        if (!method.methodResponses().isEmpty()) {
            Map<String, Object> responses = new LinkedHashMap<>();
            method.methodResponses().forEach((code, response) -> responses.put(code, methodResponse(response)));
            m.put("methodResponses", responses);
        }
        if (method.integration() != null) {
            m.put("methodIntegration", integration(method.integration()));
        }
        return m;
    }

    public static Map<String, Object> methodResponse(MethodResponseRecord response) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "statusCode", response.statusCode());
        put(m, "responseParameters", response.responseParameters());
        put(m, "responseModels", response.responseModels());
        return m;
    }

    public static Map<String, Object> integration(IntegrationRecord integration) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "type", integration.type());
        put(m, "httpMethod", integration.httpMethod());
        put(m, "uri", integration.uri());
        put(m, "connectionType", integration.connectionType());
        put(m, "connectionId", integration.connectionId());
        put(m, "credentials", integration.credentials());
        put(m, "requestParameters", integration.requestParameters());
        put(m, "requestTemplates", integration.requestTemplates());
        put(m, "passthroughBehavior", integration.passthroughBehavior());
        put(m, "contentHandling", integration.contentHandling());
        put(m, "timeoutInMillis", integration.timeoutInMillis());
        put(m, "cacheNamespace", integration.cacheNamespace());
        put(m, "cacheKeyParameters", integration.cacheKeyParameters());
        if (!integration.integrationResponses().isEmpty()) {
            Map<String, Object> responses = new LinkedHashMap<>();
            integration.integrationResponses().forEach((code, response) -> responses.put(code, integrationResponse(response)));
            m.put("integrationResponses", responses);
        }
        return m;
    }

    public static Map<String, Object> integrationResponse(IntegrationResponseRecord response) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "statusCode", response.statusCode());
        put(m, "selectionPattern", response.selectionPattern());
        put(m, "responseParameters", response.responseParameters());
        put(m, "responseTemplates", response.responseTemplates());
        put(m, "contentHandling", response.contentHandling());
        return m;
    }

    public static Map<String, Object> deployment(DeploymentRecord deployment) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", deployment.id());
        put(m, "description", deployment.description());
        put(m, "createdDate", Instant.ofEpochSecond(deployment.createdDate()));
        return m;
    }

    public static Map<String, Object> stage(StageRecord stage) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "deploymentId", stage.deploymentId());
        put(m, "stageName", stage.stageName());
        put(m, "description", stage.description());
        put(m, "cacheClusterEnabled", stage.cacheClusterEnabled());
        put(m, "cacheClusterSize", stage.cacheClusterSize());
        put(m, "cacheClusterStatus", "NOT_AVAILABLE");
        put(m, "variables", stage.variables());
        put(m, "tracingEnabled", stage.tracingEnabled());
        put(m, "tags", stage.tags());
        put(m, "createdDate", Instant.ofEpochSecond(stage.createdDate()));
        put(m, "lastUpdatedDate", Instant.ofEpochSecond(stage.lastUpdatedDate()));
        return m;
    }

    /**
     * A Get* list's page: {@code limit} items (API Gateway's default 25, at most 500) from
     * {@code position}, and the position of the next page when there is one.
     */
    public static <T> Output page(Input input, List<T> all, Function<T, String> key,
                                  Function<T, Map<String, Object>> view) {
        Integer limit = input.integer("limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiGatewayErrors.badRequest("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and " + MAX_LIMIT);
        }
        Pages<T> page = Pages.of(all, key, input.string("position"), limit != null ? limit : DEFAULT_LIMIT,
                () -> ApiGatewayErrors.badRequest("Invalid position parameter"));
        return Output.of("items", page.items().stream().map(view).toList()).put("position", page.nextToken());
    }

    /** An operation's output whose members are the structure's. */
    public static Output output(Map<String, Object> structure) {
        Output output = Output.empty();
        structure.forEach(output::put);
        return output;
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
