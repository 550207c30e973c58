package dev.cloudjar.it.apigateway;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REST APIs' control plane through the SDK v2: APIs, resources, methods, integrations and their
 * responses, deployments and stages, with API Gateway's error codes and wording (API Gateway v1
 * API reference; "Invalid API identifier specified <account>:<id>" as API Gateway answers).
 */
@Cloudjar
class ApiGatewayRestApisTest {
    private static final String LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:fn/invocations";

    @Test
    void createRestApiMakesAnIdAndARootResourceAndDeleteRestApiRemovesIt(URI endpoint) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint)) {
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("orders").description("Orders API"));
            assertTrue(api.id().matches("[a-z0-9]{10}"), api.id());
            assertTrue(api.rootResourceId().matches("[a-z0-9]{10}"), api.rootResourceId());
            assertEquals("HEADER", api.apiKeySourceAsString());
            assertEquals(List.of("EDGE"), api.endpointConfiguration().typesAsStrings());
            assertTrue(Duration.between(api.createdDate(), Instant.now()).abs().getSeconds() < 60);

            assertEquals("Orders API", apigateway.getRestApi(b -> b.restApiId(api.id())).description());
            assertTrue(apigateway.getRestApis(b -> { }).items().stream().anyMatch(a -> a.id().equals(api.id())));
            List<Resource> resources = apigateway.getResources(b -> b.restApiId(api.id())).items();
            assertEquals(1, resources.size());
            assertEquals("/", resources.get(0).path());
            assertEquals(api.rootResourceId(), resources.get(0).id());

            apigateway.deleteRestApi(b -> b.restApiId(api.id()));
            fails(NotFoundException.class, "NotFoundException", 404,
                    "Invalid API identifier specified 000000000000:" + api.id(),
                    () -> apigateway.getRestApi(b -> b.restApiId(api.id())));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid API identifier specified 000000000000:abc",
                    () -> apigateway.deleteRestApi(b -> b.restApiId("abc")));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid API identifier specified 000000000000:abc",
                    () -> apigateway.getResources(b -> b.restApiId("abc")));
        }
    }

    @Test
    void resourcesFormATreeOfPathPartsWithApiGatewaysRules(URI endpoint) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint)) {
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("tree"));
            String root = api.rootResourceId();
            Resource items = resource(apigateway, api.id(), root, "items");
            assertEquals("/items", items.path());
            assertEquals(root, items.parentId());
            Resource item = resource(apigateway, api.id(), items.id(), "{id}");
            assertEquals("/items/{id}", item.path());
            Resource proxy = resource(apigateway, api.id(), root, "{proxy+}");
            assertEquals("/{proxy+}", proxy.path());

            fails(ConflictException.class, "ConflictException", 409,
                    "Another resource with the same parent already has this name: items",
                    () -> apigateway.createResource(b -> b.restApiId(api.id()).parentId(root).pathPart("items")));
            fails(BadRequestException.class, "BadRequestException", 400,
                    "A sibling ({id}) of this resource already has a variable path part -- only one is allowed",
                    () -> apigateway.createResource(b -> b.restApiId(api.id()).parentId(items.id()).pathPart("{other}")));
            fails(BadRequestException.class, "BadRequestException", 400,
                    "Cannot create a child of a resource with a greedy path variable: {proxy+}",
                    () -> apigateway.createResource(b -> b.restApiId(api.id()).parentId(proxy.id()).pathPart("x")));
            fails(BadRequestException.class, "BadRequestException", 400, "Resource's path part only allow a-zA-Z0-9._- and "
                    + "curly braces at the beginning and the end and an optional plus sign before the closing brace.",
                    () -> apigateway.createResource(b -> b.restApiId(api.id()).parentId(root).pathPart("a b")));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Resource identifier specified",
                    () -> apigateway.createResource(b -> b.restApiId(api.id()).parentId("nothere123").pathPart("x")));

            assertEquals("/items/{id}", apigateway.getResource(b -> b.restApiId(api.id()).resourceId(item.id())).path());
            assertEquals(4, apigateway.getResources(b -> b.restApiId(api.id())).items().size());
            fails(BadRequestException.class, "BadRequestException", 400, "Cannot delete root resource",
                    () -> apigateway.deleteResource(b -> b.restApiId(api.id()).resourceId(root)));
            apigateway.deleteResource(b -> b.restApiId(api.id()).resourceId(items.id()));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Resource identifier specified",
                    () -> apigateway.getResource(b -> b.restApiId(api.id()).resourceId(item.id())));
            assertEquals(2, apigateway.getResources(b -> b.restApiId(api.id())).items().size());
        }
    }

    @Test
    void methodsIntegrationsAndTheirResponsesAreKeptOnTheResource(URI endpoint) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint)) {
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("methods"));
            String id = api.id();
            String root = api.rootResourceId();
            assertEquals("GET", apigateway.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                    .authorizationType("NONE").requestParameters(Map.of("method.request.querystring.q", false)))
                    .httpMethod());
            fails(ConflictException.class, "ConflictException", 409, "Method already exists for this resource",
                    () -> apigateway.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("NONE")));
            fails(BadRequestException.class, "BadRequestException", 400,
                    "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
                    () -> apigateway.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("FETCH").authorizationType("NONE")));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Integration identifier specified",
                    () -> apigateway.getIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")));

            var integration = apigateway.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                    .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(LAMBDA_URI));
            assertEquals("POST", integration.httpMethod());
            assertEquals(29_000, integration.timeoutInMillis());
            assertEquals("WHEN_NO_MATCH", integration.passthroughBehavior());
            fails(BadRequestException.class, "BadRequestException", 400, "Enumeration value for HttpMethod must be non-empty",
                    () -> apigateway.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                            .type(IntegrationType.AWS_PROXY).uri(LAMBDA_URI)));
            assertEquals("200", apigateway.putMethodResponse(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                    .statusCode("200").responseModels(Map.of("application/json", "Empty"))).statusCode());
            assertEquals("{}", apigateway.putIntegrationResponse(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                    .statusCode("200").responseTemplates(Map.of("application/json", "{}"))).responseTemplates()
                    .get("application/json"));

            GetMethodResponse method = apigateway.getMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
            assertEquals("NONE", method.authorizationType());
            assertEquals(Map.of("method.request.querystring.q", false), method.requestParameters());
            assertEquals(LAMBDA_URI, method.methodIntegration().uri());
            assertEquals("Empty", method.methodResponses().get("200").responseModels().get("application/json"));
            assertEquals("{}", method.methodIntegration().integrationResponses().get("200").responseTemplates()
                    .get("application/json"));
            assertEquals(IntegrationType.AWS_PROXY, apigateway.getIntegration(b -> b.restApiId(id).resourceId(root)
                    .httpMethod("GET")).type());
            assertTrue(apigateway.getResources(b -> b.restApiId(id).embed("methods")).items().get(0).resourceMethods()
                    .get("GET").methodIntegration() != null);

            apigateway.deleteIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
            assertNull(apigateway.getMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET")).methodIntegration());
            apigateway.deleteMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Method identifier specified",
                    () -> apigateway.getMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET")));
        }
    }

    @Test
    void deploymentsNeedIntegratedMethodsAndStagesPointAtThem(URI endpoint) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint)) {
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("deployed"));
            String id = api.id();
            String root = api.rootResourceId();
            fails(BadRequestException.class, "BadRequestException", 400, "The REST API doesn't contain any methods",
                    () -> apigateway.createDeployment(b -> b.restApiId(id)));
            apigateway.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            fails(BadRequestException.class, "BadRequestException", 400, "No integration defined for method",
                    () -> apigateway.createDeployment(b -> b.restApiId(id)));
            apigateway.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));

            String first = apigateway.createDeployment(b -> b.restApiId(id).stageName("dev").description("first")
                    .variables(Map.of("table", "dev-orders"))).id();
            assertEquals(first, apigateway.getStage(b -> b.restApiId(id).stageName("dev")).deploymentId());
            assertEquals("dev-orders", apigateway.getStage(b -> b.restApiId(id).stageName("dev")).variables().get("table"));
            String second = apigateway.createDeployment(b -> b.restApiId(id)).id();
            assertEquals(2, apigateway.getDeployments(b -> b.restApiId(id)).items().size());

            assertEquals(second, apigateway.createStage(b -> b.restApiId(id).stageName("prod").deploymentId(second))
                    .deploymentId());
            fails(ConflictException.class, "ConflictException", 409, "Stage already exists",
                    () -> apigateway.createStage(b -> b.restApiId(id).stageName("prod").deploymentId(second)));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Deployment identifier specified",
                    () -> apigateway.createStage(b -> b.restApiId(id).stageName("test").deploymentId("nothere123")));
            assertEquals(2, apigateway.getStages(b -> b.restApiId(id)).item().size());
            assertEquals(List.of("prod"), apigateway.getStages(b -> b.restApiId(id).deploymentId(second)).item().stream()
                    .map(s -> s.stageName()).toList());

            apigateway.deleteStage(b -> b.restApiId(id).stageName("prod"));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Stage identifier specified",
                    () -> apigateway.getStage(b -> b.restApiId(id).stageName("prod")));
            fails(NotFoundException.class, "NotFoundException", 404, "Invalid Stage identifier specified",
                    () -> apigateway.deleteStage(b -> b.restApiId(id).stageName("prod")));
        }
    }

    @Test
    void listsAnswerTwentyFiveItemsAPageAndGoOnFromTheirPosition(URI endpoint) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint)) {
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("paged"));
            for (int i = 0; i < 27; i++) {
                String part = "r" + i;
                apigateway.createResource(b -> b.restApiId(api.id()).parentId(api.rootResourceId()).pathPart(part));
            }
            var first = apigateway.getResources(b -> b.restApiId(api.id()));
            assertEquals(25, first.items().size());
            assertTrue(first.position() != null);
            var rest = apigateway.getResources(b -> b.restApiId(api.id()).position(first.position()));
            assertEquals(3, rest.items().size());
            assertNull(rest.position());
            List<String> all = apigateway.getResourcesPaginator(b -> b.restApiId(api.id()).limit(10)).items().stream()
                    .map(Resource::id).toList();
            assertEquals(28, all.size());
            assertEquals(28, all.stream().distinct().count());
            fails(BadRequestException.class, "BadRequestException", 400, "1 validation error detected: Value '501' at "
                    + "'limit' failed to satisfy constraint: Member must have value between 1 and 500",
                    () -> apigateway.getRestApis(b -> b.limit(501)));
        }
    }

    static Resource resource(ApiGatewayClient apigateway, String apiId, String parentId, String pathPart) {
        var created = apigateway.createResource(b -> b.restApiId(apiId).parentId(parentId).pathPart(pathPart));
        return Resource.builder().id(created.id()).parentId(created.parentId()).pathPart(created.pathPart())
                .path(created.path()).build();
    }
}
