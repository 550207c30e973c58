package dev.cloudjar.apigateway.restapi;

import dev.cloudjar.apigateway.ApiGatewayErrors;
import dev.cloudjar.apigateway.Members;
import dev.cloudjar.apigateway.Views;
import dev.cloudjar.apigateway.store.ApiGatewayStore;
import dev.cloudjar.apigateway.store.ResourceRecord;
import dev.cloudjar.apigateway.store.RestApiRecord;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateRestApi, GetRestApi, GetRestApis, DeleteRestApi. */
public final class RestApiOperations {
    private final ApiGatewayStore store;
    private final Clock clock;

    public RestApiOperations(ApiGatewayStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The API named in a request, or API Gateway's NotFoundException with the account and id. */
    public static RestApiRecord api(ApiGatewayStore store, RequestContext context, String apiId) {
        return store.api(context.scope(), apiId)
                .orElseThrow(() -> ApiGatewayErrors.apiNotFound(context.accountId(), apiId));
    }

    public Output createRestApi(RequestContext context, Input input) {
        String name = input.string("name");
        if (name.isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid REST API name specified");
        }
        List<String> types = new ArrayList<>();
        Input endpoint = input.structure("endpointConfiguration");
        if (endpoint != null && endpoint.has("types")) {
            endpoint.list("types").forEach(t -> types.add(t.toString()));
        } else {
            types.add("EDGE");
        }
        RestApiRecord api = new RestApiRecord(store.newId(), name, input.string("description"), input.string("version"),
                clock.instant().getEpochSecond(), Members.strings(input.list("binaryMediaTypes")),
                input.integer("minimumCompressionSize"),
                input.has("apiKeySource") ? input.string("apiKeySource") : "HEADER", types, input.string("policy"),
                Members.strings(input.map("tags")), Boolean.TRUE.equals(input.bool("disableExecuteApiEndpoint")), store.newId());
        store.createApi(context.scope(), api, new ResourceRecord(api.rootResourceId(), null, null, "/", Map.of()));
        return Views.output(Views.restApi(api));
    }

    public Output getRestApi(RequestContext context, Input input) {
        return Views.output(Views.restApi(api(store, context, input.string("restApiId"))));
    }

    public Output getRestApis(RequestContext context, Input input) {
        return Views.page(input, store.apis(context.scope()), RestApiRecord::id, Views::restApi);
    }

    public Output deleteRestApi(RequestContext context, Input input) {
        synchronized (store.writes()) {
            RestApiRecord api = api(store, context, input.string("restApiId"));
            store.deleteApi(context.scope(), api.id());
        }
        return Output.empty();
    }
}
