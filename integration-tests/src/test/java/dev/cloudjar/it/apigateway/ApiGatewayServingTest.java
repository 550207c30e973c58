package dev.cloudjar.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployed REST APIs answering plain HTTP (rest-assured, no AWS SDK, no signature) at both URL
 * forms: an ANY {proxy+} method with a Lambda proxy integration receiving the 1.0 proxy event
 * (API Gateway developer guide, "Input format of a Lambda function for proxy integration") and
 * its answer mapped to the response, a more specific {id} resource with a MOCK integration, 403
 * "Missing Authentication Token" for what no method answers, and 502 "Internal server error" for a
 * function answering outside the proxy contract.
 */
@Cloudjar
class ApiGatewayServingTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Api(String id, String root) {
    }

    @Test
    void aProxyMethodGetsTheLambdaProxyEventAndAnswersWithTheFunctionsResponse(URI endpoint) throws IOException {
        Api api = echoApi(endpoint, "echo");
        Response response = plainHttp(endpoint).header("X-Custom", "one").header("X-Custom", "two")
                .body("hello").post(userRequest(api.id(), "/dev/items/42/more?colour=blue&colour=red&size=L"));
        assertEquals(201, response.statusCode());
        assertEquals("yes", response.header("X-Echo"));
        assertEquals(List.of("a", "b"), response.headers().getValues("X-Multi"));
        assertTrue(response.header("x-amzn-RequestId") != null);

        JsonNode event = JSON.readTree(response.asString());
        assertEquals("/{proxy+}", event.path("resource").asText());
        assertEquals("/items/42/more", event.path("path").asText());
        assertEquals("POST", event.path("httpMethod").asText());
        assertEquals("items/42/more", event.at("/pathParameters/proxy").asText());
        assertEquals("red", event.at("/queryStringParameters/colour").asText());
        assertEquals("L", event.at("/queryStringParameters/size").asText());
        assertEquals(List.of("blue", "red"), strings(event.at("/multiValueQueryStringParameters/colour")));
        assertEquals("two", header(event.path("headers"), "X-Custom").asText());
        assertEquals(List.of("one", "two"), strings(header(event.path("multiValueHeaders"), "X-Custom")));
        assertEquals("dev-orders", event.at("/stageVariables/table").asText());
        assertEquals("hello", event.path("body").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());

        JsonNode context = event.path("requestContext");
        assertEquals("000000000000", context.path("accountId").asText());
        assertEquals(api.id(), context.path("apiId").asText());
        assertEquals("dev", context.path("stage").asText());
        assertEquals("/{proxy+}", context.path("resourcePath").asText());
        assertEquals("POST", context.path("httpMethod").asText());
        assertEquals("/dev/items/42/more", context.path("path").asText());
        assertEquals("HTTP/1.1", context.path("protocol").asText());
        assertEquals(response.header("x-amzn-RequestId"), context.path("requestId").asText());
        assertTrue(context.path("requestTimeEpoch").asLong() > 0);
        assertTrue(context.path("requestTime").asText().matches("\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"));
        assertFalse(context.at("/identity/sourceIp").asText().isEmpty());
        assertFalse(context.at("/identity/userAgent").asText().isEmpty());
    }

    @Test
    void theExecuteApiHostServesTheSameStage(URI endpoint) throws IOException {
        Api api = echoApi(endpoint, "host");
        Response response = plainHttp(endpoint)
                .header("Host", api.id() + ".execute-api.localhost:" + endpoint.getPort())
                .get("/dev/by/host?x=1");
        assertEquals(201, response.statusCode());
        JsonNode event = JSON.readTree(response.asString());
        assertEquals("/by/host", event.path("path").asText());
        assertEquals("by/host", event.at("/pathParameters/proxy").asText());
        assertEquals("GET", event.path("httpMethod").asText());
        assertTrue(event.path("body").isNull());
        assertTrue(event.path("queryStringParameters").has("x"));
    }

    @Test
    void aLiteralOrVariablePathIsPreferredToTheGreedyOneAndMockAnswersFromItsTemplate(URI endpoint) throws IOException {
        Api api = echoApi(endpoint, "mock");
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint)) {
            String items = apigateway.createResource(b -> b.restApiId(api.id()).parentId(api.root()).pathPart("items")).id();
            String item = apigateway.createResource(b -> b.restApiId(api.id()).parentId(items).pathPart("{id}")).id();
            apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(item).httpMethod("GET").authorizationType("NONE"));
            apigateway.putIntegration(b -> b.restApiId(api.id()).resourceId(item).httpMethod("GET")
                    .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 202}")));
            apigateway.putMethodResponse(b -> b.restApiId(api.id()).resourceId(item).httpMethod("GET").statusCode("202"));
            apigateway.putIntegrationResponse(b -> b.restApiId(api.id()).resourceId(item).httpMethod("GET")
                    .statusCode("202").responseTemplates(Map.of("application/json", "{\"mocked\": true}")));
            apigateway.createDeployment(b -> b.restApiId(api.id()).stageName("dev"));
        }
        Response mocked = plainHttp(endpoint).get(userRequest(api.id(), "/dev/items/7"));
        assertEquals(202, mocked.statusCode());
        assertEquals("{\"mocked\": true}", mocked.asString());
        assertTrue(mocked.contentType().startsWith("application/json"));

        Response proxied = plainHttp(endpoint).post(userRequest(api.id(), "/dev/items/7"));
        assertEquals(201, proxied.statusCode(), "POST has no method on /items/{id}; the greedy ANY takes it");
        assertEquals("/{proxy+}", JSON.readTree(proxied.asString()).path("resource").asText());
        Response deeper = plainHttp(endpoint).get(userRequest(api.id(), "/dev/items/7/parts"));
        assertEquals("items/7/parts", JSON.readTree(deeper.asString()).at("/pathParameters/proxy").asText());
    }

    @Test
    void whatNoMethodAnswersIsMissingAuthenticationToken(URI endpoint) {
        Api api = echoApi(endpoint, "missing");
        for (String path : List.of("/dev", "/dev/", "/nostage/items", "/restapis-not")) {
            Response response = plainHttp(endpoint).get(userRequest(api.id(), path));
            assertEquals(403, response.statusCode(), path);
            assertEquals("{\"message\":\"Missing Authentication Token\"}", response.asString(), path);
        }
        Response unknownApi = plainHttp(endpoint).get(userRequest("nothere123", "/dev/items"));
        assertEquals(403, unknownApi.statusCode());
        Response unknownHost = plainHttp(endpoint)
                .header("Host", "nothere123.execute-api.localhost:" + endpoint.getPort()).get("/dev/x");
        assertEquals(403, unknownHost.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", unknownHost.asString());
    }

    @Test
    void aFunctionAnsweringOutsideTheProxyContractIsA502(URI endpoint) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String objectBody = function(lambda, "object-body",
                    "exports.handler = async () => ({ statusCode: 200, body: { not: 'a string' } });\n");
            String unknownMember = function(lambda, "unknown-member",
                    "exports.handler = async () => ({ statusCode: 200, body: 'x', extra: 1 });\n");
            String throwing = function(lambda, "throwing", "exports.handler = async () => { throw new Error('boom'); };\n");
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("bad"));
            for (Map.Entry<String, String> route : Map.of("object", objectBody, "member", unknownMember, "throws", throwing).entrySet()) {
                String resource = apigateway.createResource(b -> b.restApiId(api.id()).parentId(api.rootResourceId())
                        .pathPart(route.getKey())).id();
                proxy(apigateway, api.id(), resource, "GET", route.getValue());
            }
            apigateway.createDeployment(b -> b.restApiId(api.id()).stageName("dev"));
            for (String path : List.of("/dev/object", "/dev/member", "/dev/throws")) {
                Response response = plainHttp(endpoint).get(userRequest(api.id(), path));
                assertEquals(502, response.statusCode(), path);
                assertEquals("{\"message\":\"Internal server error\"}", response.asString(), path);
            }
        }
    }

    /** An API with ANY /{proxy+} to a Node.js function echoing its event, deployed to stage "dev" with a variable. */
    private static Api echoApi(URI endpoint, String name) {
        try (ApiGatewayClient apigateway = Clients.apigateway(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String arn = function(lambda, name + "-echo", "exports.handler = async (event) => ({ statusCode: 201,"
                    + " headers: { 'X-Echo': 'yes' }, multiValueHeaders: { 'X-Multi': ['a', 'b'] },"
                    + " body: JSON.stringify(event) });\n");
            CreateRestApiResponse api = apigateway.createRestApi(b -> b.name(name));
            String proxy = apigateway.createResource(b -> b.restApiId(api.id()).parentId(api.rootResourceId())
                    .pathPart("{proxy+}")).id();
            proxy(apigateway, api.id(), proxy, "ANY", arn);
            apigateway.createDeployment(b -> b.restApiId(api.id()).stageName("dev").variables(Map.of("table", "dev-orders")));
            return new Api(api.id(), api.rootResourceId());
        }
    }

    private static void proxy(ApiGatewayClient apigateway, String apiId, String resourceId, String method, String functionArn) {
        apigateway.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method).authorizationType("NONE"));
        apigateway.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method)
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations"));
    }

    private static String function(LambdaClient lambda, String name, String source) {
        return lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(FunctionPackages.file("index.js", source)))).functionArn();
    }

    private static RequestSpecification plainHttp(URI endpoint) {
        return RestAssured.given().baseUri(endpoint.toString()).urlEncodingEnabled(false);
    }

    /** LocalStack's URL form of {@code /<stage>/<path>}: /restapis/<apiId>/<stage>/_user_request_/<path>. */
    private static String userRequest(String apiId, String stagePath) {
        int slash = stagePath.indexOf('/', 1);
        String stage = slash < 0 ? stagePath.substring(1) : stagePath.substring(1, slash);
        String rest = slash < 0 ? "" : stagePath.substring(slash + 1);
        return "/restapis/" + apiId + "/" + stage + "/_user_request_/" + rest;
    }

    private static JsonNode header(JsonNode headers, String name) {
        for (var it = headers.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        throw new AssertionError("no header " + name + " in " + headers);
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
