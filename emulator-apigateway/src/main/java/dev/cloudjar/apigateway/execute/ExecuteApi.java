package dev.cloudjar.apigateway.execute;

import dev.cloudjar.apigateway.store.ApiGatewayStore;
import dev.cloudjar.apigateway.store.DeploymentRecord;
import dev.cloudjar.apigateway.store.IntegrationRecord;
import dev.cloudjar.apigateway.store.StageRecord;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves deployed REST APIs: plain, unsigned HTTP to a stage, at
 * {@code http://<apiId>.execute-api.localhost:<port>/<stage>/<path>} (as
 * {@code <apiId>.execute-api.<region>.amazonaws.com} on AWS) and, where {@code *.localhost} does not
 * resolve, at {@code /restapis/<apiId>/<stage>/_user_request_/<path>} (LocalStack's form). The
 * stage's deployment is matched and its integration run; what no method answers gets API
 * Gateway's 403 "Missing Authentication Token".
 */
public final class ExecuteApi {
    /** The Host suffix of API Gateway's served APIs here, one DNS label (the API id) before it. */
    public static final String HOST_SUFFIX = ".execute-api.localhost";
    private static final String USER_REQUEST = "_user_request_";

    /** Where a served request is going: the API, its stage and the path within the stage. */
    record Target(String apiId, String stage, String path, String host) {
    }

    private final ApiGatewayStore store;
    private final LambdaProxy lambdaProxy;

    public ExecuteApi(ApiGatewayStore store, LambdaProxy lambdaProxy) {
        this.store = store;
        this.lambdaProxy = lambdaProxy;
    }

    public RawRoute route() {
        return new RawRoute("API Gateway deployed APIs", r -> target(r) != null, this::handle);
    }

    /** The target of a served request, or null for a request that is not one. */
    static Target target(Request request) {
        String host = request.header("Host");
        String name = request.hostName();
        String path = request.rawPath();
        if (name.endsWith(HOST_SUFFIX)) {
            String apiId = name.substring(0, name.length() - HOST_SUFFIX.length());
            if (apiId.isEmpty() || apiId.contains(".")) {
                return null;
            }
            int slash = path.indexOf('/', 1);
            String stage = slash < 0 ? path.substring(1) : path.substring(1, slash);
            return new Target(apiId, stage, slash < 0 ? "/" : path.substring(slash), host);
        }
        String[] parts = path.split("/", 6);
        if (parts.length >= 5 && parts[1].equals("restapis") && parts[4].equals(USER_REQUEST)) {
            return new Target(parts[2], parts[3], parts.length == 6 ? "/" + parts[5] : "/", host);
        }
        return null;
    }

    private Response handle(Request request) {
        Target target = target(request);
        Optional<ApiGatewayStore.Located> located = store.locate(target.apiId());
        if (located.isEmpty()) {
            return missingAuthenticationToken();
        }
        Scope scope = located.get().scope();
        Optional<StageRecord> stage = store.stage(scope, target.apiId(), target.stage());
        Optional<DeploymentRecord> deployment = stage.flatMap(s -> store.deployment(scope, target.apiId(), s.deploymentId()));
        if (deployment.isEmpty()) {
            return missingAuthenticationToken();
        }
        Routes.Match match = Routes.match(deployment.get().resources(), request.method(), target.path());
        if (match == null) {
            return missingAuthenticationToken();
        }
        String requestId = UUID.randomUUID().toString();
        IntegrationRecord integration = match.method().integration();
        Response response = switch (integration.type()) {
            case "MOCK" -> MockIntegration.answer(integration);
            case "AWS_PROXY" -> lambdaProxy.answer(new LambdaProxy.Call(scope, target, stage.get(), match, request,
                    requestId));
            default -> internalServerError();
        };
        response.headers().set("x-amzn-RequestId", requestId);
        return response;
    }

    /** API Gateway's answer to a path or method no resource has (403, as AWS answers it). */
    static Response missingAuthenticationToken() {
        Response response = message(403, "Missing Authentication Token");
        response.headers().set("x-amzn-ErrorType", "MissingAuthenticationTokenException");
        return response;
    }

    static Response internalServerError() {
        return message(500, "Internal server error");
    }

    static Response message(int status, String message) {
        return Response.of(status, "application/json", RecordJson.write(Map.of("message", message)));
    }
}
