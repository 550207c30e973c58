package dev.cloudjar.apigateway;

import dev.cloudjar.apigateway.deployment.DeploymentOperations;
import dev.cloudjar.apigateway.execute.ExecuteApi;
import dev.cloudjar.apigateway.execute.LambdaProxy;
import dev.cloudjar.apigateway.resource.MethodOperations;
import dev.cloudjar.apigateway.resource.ResourceOperations;
import dev.cloudjar.apigateway.restapi.RestApiOperations;
import dev.cloudjar.apigateway.store.ApiGatewayStore;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon API Gateway's REST APIs (v1) over restJson1, described by a hand-written model: the
 * control plane under {@code /restapis} keeps APIs, resources, methods, integrations, deployments
 * and stages in the storage SPI, and a raw route serves each stage's deployment as plain HTTP,
 * running MOCK integrations itself and AWS_PROXY integrations through Lambda's Invoke.
 */
public final class ApiGatewayService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("apigateway", "apigateway",
            Protocol.REST_JSON_1, "dev/cloudjar/apigateway/apigateway.json", null, List.of("/restapis"), false,
            List.of(), List.of("*" + ExecuteApi.HOST_SUFFIX));

    private final List<RawRoute> routes = new ArrayList<>();

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        Clock clock = Clock.systemUTC();
        ApiGatewayStore store = new ApiGatewayStore(context.state());
        RestApiOperations apis = new RestApiOperations(store, clock);
        operations.on("CreateRestApi", apis::createRestApi)
                .on("GetRestApi", apis::getRestApi)
                .on("GetRestApis", apis::getRestApis)
                .on("DeleteRestApi", apis::deleteRestApi);
        ResourceOperations resources = new ResourceOperations(store);
        operations.on("GetResources", resources::getResources)
                .on("GetResource", resources::getResource)
                .on("CreateResource", resources::createResource)
                .on("DeleteResource", resources::deleteResource);
        MethodOperations methods = new MethodOperations(store);
        operations.on("PutMethod", methods::putMethod)
                .on("GetMethod", methods::getMethod)
                .on("DeleteMethod", methods::deleteMethod)
                .on("PutIntegration", methods::putIntegration)
                .on("GetIntegration", methods::getIntegration)
                .on("DeleteIntegration", methods::deleteIntegration)
                .on("PutMethodResponse", methods::putMethodResponse)
                .on("PutIntegrationResponse", methods::putIntegrationResponse);
        DeploymentOperations deployments = new DeploymentOperations(store, clock);
        operations.on("CreateDeployment", deployments::createDeployment)
                .on("GetDeployments", deployments::getDeployments)
                .on("CreateStage", deployments::createStage)
                .on("GetStage", deployments::getStage)
                .on("GetStages", deployments::getStages)
                .on("DeleteStage", deployments::deleteStage);
        routes.add(new ExecuteApi(store, new LambdaProxy(context.calls(), clock)).route());
    }

    @Override
    public List<RawRoute> rawRoutes() {
        return List.copyOf(routes);
    }
}
