package dev.cloudjar.apigateway.resource;

import dev.cloudjar.apigateway.ApiGatewayErrors;
import dev.cloudjar.apigateway.Views;
import dev.cloudjar.apigateway.store.ApiGatewayStore;
import dev.cloudjar.apigateway.store.IntegrationRecord;
import dev.cloudjar.apigateway.store.IntegrationResponseRecord;
import dev.cloudjar.apigateway.store.MethodRecord;
import dev.cloudjar.apigateway.store.MethodResponseRecord;
import dev.cloudjar.apigateway.store.ResourceRecord;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static dev.cloudjar.apigateway.Members.booleans;
import static dev.cloudjar.apigateway.Members.strings;

/**
 * A resource's methods, their integrations and responses: PutMethod, GetMethod, DeleteMethod,
 * PutIntegration, GetIntegration, DeleteIntegration, PutMethodResponse, PutIntegrationResponse.
 */
public final class MethodOperations {
    private static final Set<String> HTTP_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
    /** API Gateway's default and largest integration timeout. */
    private static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

    private final ApiGatewayStore store;

    public MethodOperations(ApiGatewayStore store) {
        this.store = store;
    }

    public Output putMethod(RequestContext context, Input input) {
        String httpMethod = input.string("httpMethod");
        if (!HTTP_METHODS.contains(httpMethod)) {
            throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,"
                    + "PATCH,OPTIONS,HEAD,ANY");
        }
        String authorizationType = input.string("authorizationType");
        if (!AUTHORIZATION_TYPES.contains(authorizationType)) {
            throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,"
                    + "CUSTOM,COGNITO_USER_POOLS");
        }
        synchronized (store.writes()) {
            ResourceRecord resource = ResourceOperations.resource(store, context, input);
            if (resource.methods().containsKey(httpMethod)) {
                throw ApiGatewayErrors.conflict("Method already exists for this resource");
            }
            MethodRecord method = new MethodRecord(httpMethod, authorizationType, input.string("authorizerId"),
                    Boolean.TRUE.equals(input.bool("apiKeyRequired")), input.string("operationName"),
                    booleans(input.map("requestParameters")), strings(input.map("requestModels")),
                    input.string("requestValidatorId"), strings(input.list("authorizationScopes")), Map.of(), null);
            store.putResource(context.scope(), input.string("restApiId"), resource.withMethod(httpMethod, method));
            return Views.output(Views.method(method));
        }
    }

    public Output getMethod(RequestContext context, Input input) {
        return Views.output(Views.method(method(ResourceOperations.resource(store, context, input), input)));
    }

    public Output deleteMethod(RequestContext context, Input input) {
        synchronized (store.writes()) {
            ResourceRecord resource = ResourceOperations.resource(store, context, input);
            method(resource, input);
            store.putResource(context.scope(), input.string("restApiId"), resource.withMethod(input.string("httpMethod"), null));
        }
        return Output.empty();
    }

    public Output putIntegration(RequestContext context, Input input) {
        String type = input.string("type");
        String integrationHttpMethod = input.string("integrationHttpMethod");
        String uri = input.string("uri");
        if (!type.equals("MOCK")) {
            if (integrationHttpMethod == null || integrationHttpMethod.isEmpty()) {
                throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (uri == null || uri.isEmpty()) {
                throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request");
            }
        }
        if (type.equals("AWS_PROXY") && !uri.contains(":lambda:path/") && !uri.contains(":firehose:")) {
            throw ApiGatewayErrors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function "
                    + "and Firehose stream invocations.");
        }
        Integer timeout = input.integer("timeoutInMillis");
        if (timeout != null && (timeout < 50 || timeout > DEFAULT_TIMEOUT_MILLIS)) {
            throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
        return changeMethod(context, input, method -> {
            List<String> cacheKeys = strings(input.list("cacheKeyParameters"));
            IntegrationRecord integration = new IntegrationRecord(type, type.equals("MOCK") ? null : integrationHttpMethod,
                    uri, input.has("connectionType") ? input.string("connectionType") : "INTERNET",
                    input.string("connectionId"), input.string("credentials"), strings(input.map("requestParameters")),
                    strings(input.map("requestTemplates")),
                    input.has("passthroughBehavior") ? input.string("passthroughBehavior") : "WHEN_NO_MATCH",
                    input.string("contentHandling"), timeout != null ? timeout : DEFAULT_TIMEOUT_MILLIS,
                    input.has("cacheNamespace") ? input.string("cacheNamespace") : input.string("resourceId"),
                    cacheKeys != null ? cacheKeys : List.of(), Map.of());
            return method.withIntegration(integration);
        }, method -> Views.integration(method.integration()));
    }

    public Output getIntegration(RequestContext context, Input input) {
        return Views.output(Views.integration(integration(method(ResourceOperations.resource(store, context, input), input))));
    }

    public Output deleteIntegration(RequestContext context, Input input) {
        changeMethod(context, input, method -> {
            integration(method);
            return method.withIntegration(null);
        }, method -> Map.of());
        return Output.empty();
    }

    public Output putMethodResponse(RequestContext context, Input input) {
        MethodResponseRecord response = new MethodResponseRecord(statusCode(input),
                booleans(input.map("responseParameters")), strings(input.map("responseModels")));
        return changeMethod(context, input, method -> method.withMethodResponse(response),
                method -> Views.methodResponse(response));
    }

    public Output putIntegrationResponse(RequestContext context, Input input) {
        IntegrationResponseRecord response = new IntegrationResponseRecord(statusCode(input),
                input.string("selectionPattern"), strings(input.map("responseParameters")),
                strings(input.map("responseTemplates")), input.string("contentHandling"));
        return changeMethod(context, input,
                method -> method.withIntegration(integration(method).withIntegrationResponse(response)),
                method -> Views.integrationResponse(response));
    }

    /** Replaces a method under the write lock and answers a view of the changed method. */
    private Output changeMethod(RequestContext context, Input input, UnaryOperator<MethodRecord> change,
                                Function<MethodRecord, Map<String, Object>> view) {
        synchronized (store.writes()) {
            ResourceRecord resource = ResourceOperations.resource(store, context, input);
            MethodRecord changed = change.apply(method(resource, input));
            store.putResource(context.scope(), input.string("restApiId"), resource.withMethod(changed.httpMethod(), changed));
            return Views.output(view.apply(changed));
        }
    }

    private static MethodRecord method(ResourceRecord resource, Input input) {
        MethodRecord method = resource.methods().get(input.string("httpMethod"));
        if (method == null) {
            throw ApiGatewayErrors.methodNotFound();
        }
        return method;
    }

    private static IntegrationRecord integration(MethodRecord method) {
        if (method.integration() == null) {
            throw ApiGatewayErrors.integrationNotFound();
        }
        return method.integration();
    }

    private static String statusCode(Input input) {
        String code = input.string("statusCode");
        if (!code.matches("[1-5]\\d\\d")) {
            throw ApiGatewayErrors.badRequest("Invalid status code specified: " + code);
        }
        return code;
    }
}
