package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.HttpEndpoint;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ApiDestinationHttpMethod;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthorizationType;
import software.amazon.awssdk.services.eventbridge.model.ConnectionState;
import software.amazon.awssdk.services.eventbridge.model.CreateConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeApiDestinationResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections, API destinations and rules targeting them, through the SDK v2 and an HTTP server
 * in the test. Expected behaviour: EventBridge User Guide, "API destinations" (the request, path
 * parameters, header and query string parameters, authorization, retried statuses) and
 * "Connections for API destinations"; the API reference of each operation (members, states).
 * Not-found messages are the ones LocalStack records from AWS; other wordings are Cloudjar's.
 */
@Cloudjar
class EventBridgeApiDestinationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CreateConnectionResponse basicConnection(EventBridgeClient events, String name) {
        return events.createConnection(b -> b.name(name).authorizationType(ConnectionAuthorizationType.BASIC)
                .authParameters(a -> a.basicAuthParameters(p -> p.username("shop").password("s3cret"))
                        .invocationHttpParameters(h -> h.headerParameters(
                                p -> p.key("X-Connection").value("from-connection").isValueSecret(false),
                                p -> p.key("X-Hidden").value("hidden-value").isValueSecret(true)))));
    }

    /** Each test has its own source: the tests share a server and its default bus, and no rule may take another test's events. */
    private static PutEventsRequestEntry order(String source, String detail) {
        return PutEventsRequestEntry.builder().source(source).detailType("Order Placed").detail(detail).build();
    }

    @Test
    void aConnectionAnswersEverythingButItsSecrets(URI cloudjar) {
        try (EventBridgeClient events = Clients.eventBridge(cloudjar)) {
            CreateConnectionResponse created = basicConnection(events, "secretive");
            assertEquals(ConnectionState.AUTHORIZED, created.connectionState());
            assertTrue(created.connectionArn().matches("arn:aws:events:us-east-1:000000000000:connection/secretive/[-0-9a-f]+"),
                    created.connectionArn());

            DescribeConnectionResponse described = events.describeConnection(b -> b.name("secretive"));
            assertEquals(created.connectionArn(), described.connectionArn());
            assertEquals(ConnectionAuthorizationType.BASIC, described.authorizationType());
            assertEquals("shop", described.authParameters().basicAuthParameters().username());
            assertTrue(described.secretArn().startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:events!connection/secretive/"),
                    described.secretArn());
            assertEquals("from-connection", described.authParameters().invocationHttpParameters().headerParameters().get(0).value());
            assertNull(described.authParameters().invocationHttpParameters().headerParameters().get(1).value());
            assertFalse(described.toString().contains("s3cret"));
            assertFalse(described.toString().contains("hidden-value"));

            events.createConnection(b -> b.name("keyed").authorizationType(ConnectionAuthorizationType.API_KEY)
                    .authParameters(a -> a.apiKeyAuthParameters(p -> p.apiKeyName("x-api-key").apiKeyValue("k-1"))));
            assertEquals("x-api-key", events.describeConnection(b -> b.name("keyed")).authParameters()
                    .apiKeyAuthParameters().apiKeyName());
            assertEquals(List.of("keyed"), events.listConnections(b -> b.namePrefix("key")).connections().stream()
                    .map(c -> c.name()).toList());

            events.updateConnection(b -> b.name("keyed").description("rotated")
                    .authParameters(a -> a.apiKeyAuthParameters(p -> p.apiKeyValue("k-2"))));
            DescribeConnectionResponse updated = events.describeConnection(b -> b.name("keyed"));
            assertEquals("rotated", updated.description());
            assertEquals("x-api-key", updated.authParameters().apiKeyAuthParameters().apiKeyName());

            assertEquals(ConnectionState.DEAUTHORIZING, events.deauthorizeConnection(b -> b.name("keyed")).connectionState());
            assertEquals(ConnectionState.DEAUTHORIZED, events.describeConnection(b -> b.name("keyed")).connectionState());
            assertEquals(List.of("keyed"), events.listConnections(b -> b.connectionState(ConnectionState.DEAUTHORIZED))
                    .connections().stream().map(c -> c.name()).toList());
            assertEquals(ConnectionState.DELETING, events.deleteConnection(b -> b.name("keyed")).connectionState());

            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Failed to describe the connection(s). Connection 'keyed' does not exist.",
                    () -> events.describeConnection(b -> b.name("keyed")));
            fails(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                    "Connection secretive already exists.", () -> basicConnection(events, "secretive"));
            fails(EventBridgeException.class, "ValidationException", 400,
                    "Parameter AuthParameters is not valid. Reason: BasicAuthParameters must be specified for"
                            + " AuthorizationType BASIC.",
                    () -> events.createConnection(b -> b.name("no-basic").authorizationType(ConnectionAuthorizationType.BASIC)
                            .authParameters(a -> a.apiKeyAuthParameters(p -> p.apiKeyName("k").apiKeyValue("v")))));
        }
    }

    @Test
    void apiDestinationsAreCreatedDescribedUpdatedListedAndDeleted(URI cloudjar) {
        try (EventBridgeClient events = Clients.eventBridge(cloudjar)) {
            String connection = basicConnection(events, "for-destinations").connectionArn();
            String arn = events.createApiDestination(b -> b.name("orders").connectionArn(connection)
                    .invocationEndpoint("https://example.com/orders/*").httpMethod(ApiDestinationHttpMethod.POST))
                    .apiDestinationArn();
            assertTrue(arn.matches("arn:aws:events:us-east-1:000000000000:api-destination/orders/[-0-9a-f]+"), arn);
            DescribeApiDestinationResponse described = events.describeApiDestination(b -> b.name("orders"));
            assertEquals("ACTIVE", described.apiDestinationStateAsString());
            assertEquals(300, described.invocationRateLimitPerSecond());
            assertEquals(connection, described.connectionArn());

            events.updateApiDestination(b -> b.name("orders").httpMethod(ApiDestinationHttpMethod.PUT)
                    .invocationRateLimitPerSecond(10));
            described = events.describeApiDestination(b -> b.name("orders"));
            assertEquals(ApiDestinationHttpMethod.PUT, described.httpMethod());
            assertEquals(10, described.invocationRateLimitPerSecond());
            assertEquals("https://example.com/orders/*", described.invocationEndpoint());
            assertEquals(List.of(arn), events.listApiDestinations(b -> b.connectionArn(connection)).apiDestinations()
                    .stream().map(d -> d.apiDestinationArn()).toList());

            fails(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                    "An api-destination 'orders' already exists.",
                    () -> events.createApiDestination(b -> b.name("orders").connectionArn(connection)
                            .invocationEndpoint("https://example.com/").httpMethod(ApiDestinationHttpMethod.POST)));
            String missing = connection.replace("for-destinations", "nowhere");
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Failed to describe the connection(s). Connection 'nowhere' does not exist.",
                    () -> events.createApiDestination(b -> b.name("lost").connectionArn(missing)
                            .invocationEndpoint("https://example.com/").httpMethod(ApiDestinationHttpMethod.POST)));
            events.deleteApiDestination(b -> b.name("orders"));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                    "Failed to describe the api-destination(s). An api-destination 'orders' does not exist.",
                    () -> events.describeApiDestination(b -> b.name("orders")));
        }
    }

    /**
     * The request an event makes: the path parameter from the event, the target's header and
     * query string parameters, the connection's headers (a secret one too) and Basic credentials,
     * and the InputTransformer's output as the JSON body.
     */
    @Test
    void aRuleTargetPostsTheEventToTheApiDestination(URI cloudjar) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(cloudjar); HttpEndpoint endpoint = new HttpEndpoint()) {
            String connection = basicConnection(events, "shop-basic").connectionArn();
            String destination = events.createApiDestination(b -> b.name("shop-orders").connectionArn(connection)
                    .invocationEndpoint(endpoint.url("/orders/*/notes")).httpMethod(ApiDestinationHttpMethod.POST))
                    .apiDestinationArn();
            events.putRule(b -> b.name("to-api").eventPattern("{\"source\":[\"shop-basic\"]}"));
            events.putTargets(b -> b.rule("to-api").targets(Target.builder().id("api").arn(destination)
                    .roleArn("arn:aws:iam::000000000000:role/events")
                    .httpParameters(h -> h.pathParameterValues("$.detail.id")
                            .headerParameters(Map.of("X-Tenant", "acme"))
                            .queryStringParameters(Map.of("source", "cloudjar")))
                    .inputTransformer(t -> t.inputPathsMap(Map.of("id", "$.detail.id"))
                            .inputTemplate("{\"order\": <id>}")).build()));

            events.putEvents(b -> b.entries(order("shop-basic", "{\"id\":42}")));

            HttpEndpoint.Received request = endpoint.next();
            assertEquals("POST", request.method());
            assertEquals("/orders/42/notes?source=cloudjar", request.path());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("shop:s3cret".getBytes(StandardCharsets.UTF_8)),
                    request.header("authorization"));
            assertEquals("acme", request.header("x-tenant"));
            assertEquals("from-connection", request.header("x-connection"));
            assertEquals("hidden-value", request.header("x-hidden"));
            assertEquals("application/json; charset=utf-8", request.header("content-type"));
            assertEquals(42, JSON.readTree(request.body()).path("order").asInt());
        }
    }

    /** 429 and 5xx answers are retried; another 4xx is not, and the event goes to the target's dead-letter queue. */
    @Test
    void retriedAnswersAreRetriedAndRefusedEventsGoToTheDeadLetterQueue(URI cloudjar) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(cloudjar); SqsClient sqs = Clients.sqs(cloudjar);
             HttpEndpoint endpoint = new HttpEndpoint()) {
            String dlq = sqs.createQueue(b -> b.queueName("api-dead-letters")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String connection = events.createConnection(b -> b.name("flaky-key").authorizationType(ConnectionAuthorizationType.API_KEY)
                    .authParameters(a -> a.apiKeyAuthParameters(p -> p.apiKeyName("x-api-key").apiKeyValue("k-1"))))
                    .connectionArn();
            String destination = events.createApiDestination(b -> b.name("flaky").connectionArn(connection)
                    .invocationEndpoint(endpoint.url("/hook")).httpMethod(ApiDestinationHttpMethod.PUT)).apiDestinationArn();
            events.putRule(b -> b.name("to-flaky").eventPattern("{\"source\":[\"shop-flaky\"]}"));
            events.putTargets(b -> b.rule("to-flaky").targets(Target.builder().id("api").arn(destination)
                    .deadLetterConfig(d -> d.arn(dlqArn)).build()));

            endpoint.answering(429);
            String first = events.putEvents(b -> b.entries(order("shop-flaky", "{\"n\":1}"))).entries().get(0).eventId();
            HttpEndpoint.Received refused = endpoint.next();
            assertEquals("PUT", refused.method());
            assertEquals("k-1", refused.header("x-api-key"));
            assertEquals(first, JSON.readTree(refused.body()).path("id").asText());
            assertEquals(first, JSON.readTree(endpoint.next().body()).path("id").asText(), "retried after 429");

            endpoint.answering(400);
            String second = events.putEvents(b -> b.entries(order("shop-flaky", "{\"n\":2}"))).entries().get(0).eventId();
            assertEquals(second, JSON.readTree(endpoint.next().body()).path("id").asText());
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(20)).messages();
            assertEquals(1, dead.size());
            assertEquals(second, JSON.readTree(dead.get(0).body()).path("id").asText(), dead.get(0).body());
        }
    }

    /** An OAuth connection is authorized with a token from its AuthorizationEndpoint, then sent as a Bearer credential. */
    @Test
    void anOAuthConnectionFetchesItsTokenFirst(URI cloudjar) throws Exception {
        try (EventBridgeClient events = Clients.eventBridge(cloudjar); HttpEndpoint authorizer = new HttpEndpoint();
             HttpEndpoint endpoint = new HttpEndpoint()) {
            authorizer.answeringWith("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            CreateConnectionResponse created = events.createConnection(b -> b.name("oauth")
                    .authorizationType(ConnectionAuthorizationType.OAUTH_CLIENT_CREDENTIALS)
                    .authParameters(a -> a.oAuthParameters(o -> o.authorizationEndpoint(authorizer.url("/token"))
                            .httpMethod("POST").clientParameters(c -> c.clientID("client").clientSecret("secret"))
                            .oAuthHttpParameters(h -> h.bodyParameters(p -> p.key("scope").value("orders").isValueSecret(false))))));
            assertEquals(ConnectionState.AUTHORIZING, created.connectionState());

            HttpEndpoint.Received tokenRequest = authorizer.next();
            assertEquals("POST", tokenRequest.method());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("client:secret".getBytes(StandardCharsets.UTF_8)),
                    tokenRequest.header("authorization"));
            assertEquals("grant_type=client_credentials&scope=orders", tokenRequest.body());
            DescribeConnectionResponse described = events.describeConnection(b -> b.name("oauth"));
            for (int i = 0; i < 200 && described.connectionState() != ConnectionState.AUTHORIZED; i++) {
                Thread.sleep(50);
                described = events.describeConnection(b -> b.name("oauth"));
            }
            assertEquals(ConnectionState.AUTHORIZED, described.connectionState());
            assertEquals("client", described.authParameters().oAuthParameters().clientParameters().clientID());

            String destination = events.createApiDestination(b -> b.name("oauth-orders").connectionArn(created.connectionArn())
                    .invocationEndpoint(endpoint.url("/orders")).httpMethod(ApiDestinationHttpMethod.POST)).apiDestinationArn();
            events.putRule(b -> b.name("to-oauth").eventPattern("{\"source\":[\"shop-oauth\"]}"));
            events.putTargets(b -> b.rule("to-oauth").targets(Target.builder().id("api").arn(destination).build()));
            events.putEvents(b -> b.entries(order("shop-oauth", "{\"n\":3}")));
            HttpEndpoint.Received request = endpoint.next();
            assertEquals("Bearer token-1", request.header("authorization"));
            JsonNode event = JSON.readTree(request.body());
            assertEquals(3, event.at("/detail/n").asInt());
        }
    }

    /** The main flow through boto3: a connection, an API destination, a rule's target, an event; a missing connection's error. */
    @Test
    void boto3DeliversThroughAnApiDestination(URI cloudjar) throws Exception {
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String script = "import boto3, json\n"
                    + "kw = dict(endpoint_url='" + cloudjar + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                    + "events = boto3.client('events', **kw)\n"
                    + "c = events.create_connection(Name='py-conn', AuthorizationType='API_KEY',"
                    + " AuthParameters={'ApiKeyAuthParameters': {'ApiKeyName': 'x-api-key', 'ApiKeyValue': 'py-key'}})\n"
                    + "d = events.create_api_destination(Name='py-dest', ConnectionArn=c['ConnectionArn'],"
                    + " InvocationEndpoint='" + endpoint.url("/py/*") + "', HttpMethod='POST')\n"
                    + "events.put_rule(Name='py-api', EventPattern=json.dumps({'source': ['py-api']}))\n"
                    + "events.put_targets(Rule='py-api', Targets=[{'Id': 'api', 'Arn': d['ApiDestinationArn'],"
                    + " 'HttpParameters': {'PathParameterValues': ['seven']}}])\n"
                    + "events.put_events(Entries=[{'Source': 'py-api', 'DetailType': 'd', 'Detail': json.dumps({'n': 7})}])\n"
                    + "try:\n"
                    + "    events.describe_connection(Name='py-missing')\n"
                    + "except events.exceptions.ResourceNotFoundException as e:\n"
                    + "    missing = e.response['Error']['Code']\n"
                    + "print(c['ConnectionState'], missing)\n";
            Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
            assertEquals(0, python.exitCode(), python.output());
            assertEquals("AUTHORIZED ResourceNotFoundException", python.output().trim());
            HttpEndpoint.Received request = endpoint.next();
            assertEquals("/py/seven", request.path());
            assertEquals("py-key", request.header("x-api-key"));
            assertEquals(7, JSON.readTree(request.body()).at("/detail/n").asInt());
        }
    }

    /** With --data-dir, connections (their credentials too) and API destinations outlive a restart, and the target still works. */
    @Test
    void connectionsAndApiDestinationsOutliveARestart(@TempDir Path dataDir) throws Exception {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            try (CloudjarServer first = CloudjarServer.start(config);
                 EventBridgeClient events = Clients.eventBridge(URI.create(first.endpoint()))) {
                String connection = basicConnection(events, "kept-connection").connectionArn();
                String destination = events.createApiDestination(b -> b.name("kept-destination").connectionArn(connection)
                        .invocationEndpoint(endpoint.url("/kept")).httpMethod(ApiDestinationHttpMethod.POST)).apiDestinationArn();
                events.putRule(b -> b.name("kept-api").eventPattern("{\"source\":[\"shop-kept\"]}"));
                events.putTargets(b -> b.rule("kept-api").targets(Target.builder().id("api").arn(destination).build()));
            }
            try (CloudjarServer second = CloudjarServer.start(config);
                 EventBridgeClient events = Clients.eventBridge(URI.create(second.endpoint()))) {
                assertEquals(ConnectionState.AUTHORIZED, events.describeConnection(b -> b.name("kept-connection")).connectionState());
                assertEquals(endpoint.url("/kept"), events.describeApiDestination(b -> b.name("kept-destination")).invocationEndpoint());
                events.putEvents(b -> b.entries(order("shop-kept", "{\"n\":4}")));
                HttpEndpoint.Received request = endpoint.next();
                assertEquals("Basic " + Base64.getEncoder().encodeToString("shop:s3cret".getBytes(StandardCharsets.UTF_8)),
                        request.header("authorization"));
                assertEquals(4, JSON.readTree(request.body()).at("/detail/n").asInt());
            }
        }
    }
}
