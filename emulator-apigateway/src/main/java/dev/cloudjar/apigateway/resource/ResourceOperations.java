package dev.cloudjar.apigateway.resource;

import dev.cloudjar.apigateway.ApiGatewayErrors;
import dev.cloudjar.apigateway.Views;
import dev.cloudjar.apigateway.restapi.RestApiOperations;
import dev.cloudjar.apigateway.store.ApiGatewayStore;
import dev.cloudjar.apigateway.store.ResourceRecord;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** GetResources, GetResource, CreateResource, DeleteResource: the API's tree of path parts. */
public final class ResourceOperations {
    /** API Gateway's rule for a path part: its characters, or one {variable} or greedy {variable+}. */
    private static final Pattern PATH_PART = Pattern.compile("[a-zA-Z0-9._\\-:@~!$&'()*+,;=]+|\\{[a-zA-Z0-9._\\-]+\\+?}");

    private final ApiGatewayStore store;

    public ResourceOperations(ApiGatewayStore store) {
        this.store = store;
    }

    /** A resource of an API named in a request: the API's NotFoundException first, then the resource's. */
    public static ResourceRecord resource(ApiGatewayStore store, RequestContext context, Input input) {
        String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
        return store.resource(context.scope(), apiId, input.string("resourceId"))
                .orElseThrow(ApiGatewayErrors::resourceNotFound);
    }

    public Output getResources(RequestContext context, Input input) {
        String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
        boolean embed = embedsMethods(input);
        return Views.page(input, store.resources(context.scope(), apiId), ResourceRecord::id,
                resource -> Views.resource(resource, embed));
    }

    public Output getResource(RequestContext context, Input input) {
        return Views.output(Views.resource(resource(store, context, input), embedsMethods(input)));
    }

    public Output createResource(RequestContext context, Input input) {
        String apiId = RestApiOperations.api(store, context, input.string("restApiId")).id();
        String pathPart = input.string("pathPart");
        synchronized (store.writes()) {
            ResourceRecord parent = store.resource(context.scope(), apiId, input.string("parentId"))
                    .orElseThrow(ApiGatewayErrors::resourceNotFound);
            if (!PATH_PART.matcher(pathPart).matches()) {
                throw ApiGatewayErrors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the "
                        + "beginning and the end and an optional plus sign before the closing brace.");
            }
            if (parent.pathPart() != null && parent.pathPart().endsWith("+}")) {
                throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable: "
                        + parent.pathPart());
            }
            for (ResourceRecord sibling : store.resources(context.scope(), apiId)) {
                if (!parent.id().equals(sibling.parentId())) {
                    continue;
                }
                if (sibling.pathPart().equals(pathPart)) {
                    throw ApiGatewayErrors.conflict("Another resource with the same parent already has this name: " + pathPart);
                }
                if (isVariable(sibling.pathPart()) && isVariable(pathPart)) {
                    throw ApiGatewayErrors.badRequest("A sibling (" + sibling.pathPart()
                            + ") of this resource already has a variable path part -- only one is allowed");
                }
            }
            String path = parent.path().equals("/") ? "/" + pathPart : parent.path() + "/" + pathPart;
            ResourceRecord resource = new ResourceRecord(store.newId(), parent.id(), pathPart, path, Map.of());
            store.putResource(context.scope(), apiId, resource);
            return Views.output(Views.resource(resource, false));
        }
    }

    public Output deleteResource(RequestContext context, Input input) {
        synchronized (store.writes()) {
            ResourceRecord resource = resource(store, context, input);
            if (resource.parentId() == null) {
                throw ApiGatewayErrors.badRequest("Cannot delete root resource");
            }
            String apiId = input.string("restApiId");
            List<ResourceRecord> gone = new ArrayList<>();
            for (ResourceRecord candidate : store.resources(context.scope(), apiId)) {
                if (candidate.path().equals(resource.path()) || candidate.path().startsWith(resource.path() + "/")) {
                    gone.add(candidate);
                }
            }
            store.deleteResources(context.scope(), apiId, gone);
        }
        return Output.empty();
    }

    private static boolean isVariable(String pathPart) {
        return pathPart.startsWith("{");
    }

    private static boolean embedsMethods(Input input) {
        return input.has("embed") && input.list("embed").contains("methods");
    }
}
