package dev.cloudjar.it.apigateway;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With --data-dir, an API, its resources, methods, integrations, deployment and stage outlive a restart, and the stage still answers. */
class ApiGatewayRestartTest {

    @Test
    void aDeployedApiOutlivesARestart(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        String apiId;
        String resourceId;
        try (CloudjarServer first = CloudjarServer.start(config);
             ApiGatewayClient apigateway = Clients.apigateway(URI.create(first.endpoint()))) {
            var api = apigateway.createRestApi(b -> b.name("kept"));
            apiId = api.id();
            resourceId = apigateway.createResource(b -> b.restApiId(api.id()).parentId(api.rootResourceId())
                    .pathPart("health")).id();
            apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(resourceId).httpMethod("GET").authorizationType("NONE"));
            apigateway.putIntegration(b -> b.restApiId(api.id()).resourceId(resourceId).httpMethod("GET")
                    .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigateway.putIntegrationResponse(b -> b.restApiId(api.id()).resourceId(resourceId).httpMethod("GET")
                    .statusCode("200").responseTemplates(Map.of("application/json", "{\"ok\": true}")));
            apigateway.createDeployment(b -> b.restApiId(api.id()).stageName("live"));
        }
        try (CloudjarServer second = CloudjarServer.start(config);
             ApiGatewayClient apigateway = Clients.apigateway(URI.create(second.endpoint()))) {
            assertEquals("kept", apigateway.getRestApi(b -> b.restApiId(apiId)).name());
            assertEquals("/health", apigateway.getResource(b -> b.restApiId(apiId).resourceId(resourceId)).path());
            assertEquals(IntegrationType.MOCK, apigateway.getIntegration(b -> b.restApiId(apiId).resourceId(resourceId)
                    .httpMethod("GET")).type());
            assertEquals(1, apigateway.getDeployments(b -> b.restApiId(apiId)).items().size());
            Response response = RestAssured.given().baseUri(second.endpoint())
                    .get("/restapis/" + apiId + "/live/_user_request_/health");
            assertEquals(200, response.statusCode());
            assertEquals("{\"ok\": true}", response.asString());
        }
    }
}
