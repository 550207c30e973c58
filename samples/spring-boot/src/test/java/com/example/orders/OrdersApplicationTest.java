package com.example.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's context, started against this class's Cloudjar. The order that makes it work: JUnit runs Cloudjar's
 * beforeAll callback (the server starts), then the {@code @BeforeAll} method (the endpoint goes into a static field),
 * and only then prepares the first test instance, which is when Spring loads the context and so when it reads
 * {@code aws.endpoint} from the {@code @DynamicPropertySource} supplier. The order of the two class annotations does
 * not matter. With {@code @TestInstance(PER_CLASS)} it would not work: the instance, and so the context, would come
 * before any beforeAll; the supplier then fails with the message below instead of pointing the clients nowhere.
 */
@Cloudjar
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aws.access-key-id=test", "aws.secret-access-key=test", "orders.provision=true"})
class OrdersApplicationTest {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static volatile URI cloudjarEndpoint;

    @BeforeAll
    static void rememberCloudjarsEndpoint(URI endpoint) {
        cloudjarEndpoint = endpoint;
    }

    @DynamicPropertySource
    static void awsEndpoint(DynamicPropertyRegistry registry) {
        registry.add("aws.endpoint", () -> Objects.requireNonNull(cloudjarEndpoint,
                "Spring read aws.endpoint before Cloudjar's server had started and @BeforeAll had run").toString());
    }

    @Autowired
    WebTestClient web;
    @Autowired
    OrderService orders;
    @Autowired
    AwsProperties aws;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    S3Client s3;
    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    SqsClient sqs;
    @Autowired
    LambdaClient lambda;

    @Test
    void springsAwsClientsUseThisClasssCloudjar(URI endpoint, CloudjarServer cloud) {
        assertEquals(URI.create(cloud.endpoint()), endpoint);
        assertEquals(endpoint, aws.endpoint());
        for (SdkClient client : List.of(s3, dynamo, sqs, lambda)) {
            assertEquals(Optional.of(endpoint), client.serviceClientConfiguration().endpointOverride(),
                    client.serviceName());
        }
    }

    /** The application's start-up (an ApplicationRunner, inside the context's refresh) created its resources there. */
    @Test
    void theApplicationProvisionedItsResourcesInCloudjarWhenItStarted(URI endpoint) {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).build();
             LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).build()) {
            assertEquals(List.of("orders"), s3.listBuckets().buckets().stream().map(b -> b.name()).toList());
            assertEquals(TableStatus.ACTIVE, dynamo.describeTable(b -> b.tableName("Orders")).table().tableStatus());
            assertTrue(sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl().endsWith("/orders"));
            var function = lambda.getFunction(b -> b.functionName("order-pricing")).configuration();
            assertEquals(State.ACTIVE, function.state());
            assertEquals("nodejs20.x", function.runtimeAsString());
        }
    }

    /** Each of the service's writes read back through the same Spring beans. */
    @Test
    void theServiceWritesAndReadsBackEachService() {
        Order order = new Order("o-service", "ada", List.of(
                new Order.Line("tea", 2, new BigDecimal("15.00")), new Order.Line("mug", 1, new BigDecimal("12.00"))));

        // Lambda: the pricing function computes the total (no discount under 100).
        Receipt priced = orders.price(order);
        assertEquals(0, new BigDecimal("42").compareTo(priced.total()), priced.toString());
        assertEquals("order-pricing", priced.pricedBy());

        PlacedOrder placed = orders.place(order);
        assertEquals(0, new BigDecimal("42").compareTo(placed.total()), placed.toString());
        // DynamoDB
        PlacedOrder found = orders.find("o-service").orElseThrow();
        assertEquals("ada", found.customer());
        assertEquals("PLACED", found.status());
        assertEquals(0, new BigDecimal("42").compareTo(found.total()), found.toString());
        assertTrue(orders.find("o-missing").isEmpty());
        // S3, through Spring's ObjectMapper both ways
        Receipt receipt = orders.receipt("o-service");
        assertEquals(order, receipt.order());
        assertEquals(0, BigDecimal.ZERO.compareTo(receipt.discount()), receipt.toString());
        // SQS
        List<OrderPlaced> events = takeEventsUntil("o-service");
        OrderPlaced event = events.stream().filter(e -> e.orderId().equals("o-service")).findFirst().orElseThrow();
        assertEquals("ada", event.customer());
        assertEquals(0, new BigDecimal("42").compareTo(event.total()), event.toString());
    }

    /** The API on Reactor Netty's server (Netty 4.1) while Cloudjar's server (its own Netty) serves the AWS calls. */
    @Test
    void anOrderPlacedOverHttpIsInAllFourServices(URI endpoint) throws Exception {
        String order = """
                {"id":"o-http","customer":"grace","lines":[
                  {"sku":"kettle","quantity":3,"unitPrice":40.00},{"sku":"filter","quantity":2,"unitPrice":0.50}]}""";
        PlacedOrder placed = web.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(order)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/orders/o-http")
                .expectBody(PlacedOrder.class).returnResult().getResponseBody();
        assertNotNull(placed);
        // 121.00 less the pricing function's 10 % off orders of 100 or more: only the function knows that rule.
        assertEquals(0, new BigDecimal("108.90").compareTo(placed.total()), placed.toString());

        PlacedOrder found = web.get().uri("/orders/o-http").exchange()
                .expectStatus().isOk()
                .expectBody(PlacedOrder.class).returnResult().getResponseBody();
        assertEquals(placed, normalised(found, placed));
        web.get().uri("/orders/o-nobody").exchange().expectStatus().isNotFound();
        Receipt overHttp = web.get().uri("/orders/o-http/receipt").exchange()
                .expectStatus().isOk()
                .expectBody(Receipt.class).returnResult().getResponseBody();
        assertNotNull(overHttp);
        assertEquals(0, new BigDecimal("12.10").compareTo(overHttp.discount()), overHttp.toString());

        // The same data, read with plain clients of this class's own: it is really in Cloudjar.
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).build();
             LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).build()) {
            var object = s3.getObjectAsBytes(b -> b.bucket("orders").key("receipts/o-http.json"));
            assertEquals("application/json", object.response().contentType());
            Map<?, ?> receipt = objectMapper.readValue(object.asByteArray(), Map.class);
            assertEquals("order-pricing", receipt.get("pricedBy"));
            assertEquals("grace", ((Map<?, ?>) receipt.get("order")).get("customer"));

            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("Orders")
                    .key(Map.of("id", AttributeValue.fromS("o-http")))).item();
            assertEquals("grace", item.get("customer").s());
            assertEquals(0, new BigDecimal("108.90").compareTo(new BigDecimal(item.get("total").n())), item.toString());

            var invoked = lambda.invoke(b -> b.functionName("order-pricing").payload(SdkBytes.fromUtf8String(order)));
            assertNull(invoked.functionError(), invoked.payload().asUtf8String());
            assertEquals(0, new BigDecimal("108.90").compareTo(new BigDecimal(
                    objectMapper.readTree(invoked.payload().asUtf8String()).get("total").asText())));
        }
        try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build()) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl();
            List<OrderPlaced> events = new ArrayList<>();
            for (int attempt = 0; attempt < 5 && events.stream().noneMatch(e -> e.orderId().equals("o-http")); attempt++) {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages()) {
                    events.add(objectMapper.readValue(message.body(), OrderPlaced.class));
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            }
            OrderPlaced event = events.stream().filter(e -> e.orderId().equals("o-http")).findFirst()
                    .orElseThrow(() -> new AssertionError("no event for o-http in " + events));
            assertEquals("grace", event.customer());
        }
    }

    /**
     * Jackson and Netty on the application's class path are the versions Spring Boot 3.5 manages; Cloudjar's own newer
     * ones are inside its jar under {@code dev.cloudjar.shaded} and did not replace them.
     */
    @Test
    void jacksonAndNettyAreTheOnesSpringBootManages() throws Exception {
        com.fasterxml.jackson.core.Version jackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        System.out.println("Jackson databind on the class path: " + jackson);
        assertEquals(2, jackson.getMajorVersion(), jackson.toString());
        assertEquals(19, jackson.getMinorVersion(), jackson.toString());
        assertEquals(jackson, objectMapper.version(), "Spring's ObjectMapper bean is that Jackson");
        assertTrue(jarOf(ObjectMapper.class).startsWith("jackson-databind-2.19."), jarOf(ObjectMapper.class));

        Map<String, io.netty.util.Version> netty = io.netty.util.Version.identify();
        System.out.println("Netty on the class path: " + netty.get("netty-common").artifactVersion());
        assertTrue(netty.containsKey("netty-common") && netty.containsKey("netty-transport"), netty.keySet().toString());
        netty.forEach((artifact, version) -> assertTrue(version.artifactVersion().startsWith("4.1."),
                artifact + " " + version.artifactVersion()));
        assertTrue(jarOf(io.netty.channel.Channel.class).startsWith("netty-transport-4.1."),
                jarOf(io.netty.channel.Channel.class));
        // A Netty 4.2 class: had Cloudjar's Netty leaked onto the class path, it would be found.
        assertEquals(Optional.empty(), load("io.netty.channel.MultiThreadIoEventLoopGroup"));

        // Cloudjar's own copies are there, apart, in its one jar.
        Class<?> cloudjarsJackson = load("dev.cloudjar.shaded.com.fasterxml.jackson.databind.cfg.PackageVersion")
                .orElseThrow();
        System.out.println("Cloudjar's relocated Jackson databind: " + cloudjarsJackson.getField("VERSION").get(null));
        assertTrue(jarOf(cloudjarsJackson).startsWith("emulator-junit5-"), jarOf(cloudjarsJackson));
    }

    private List<OrderPlaced> takeEventsUntil(String orderId) {
        List<OrderPlaced> events = new ArrayList<>();
        for (int attempt = 0; attempt < 5 && events.stream().noneMatch(e -> e.orderId().equals(orderId)); attempt++) {
            events.addAll(orders.takeEvents());
        }
        return events;
    }

    /** The total as BigDecimal equal by value, so 108.9 and 108.90 compare equal. */
    private static PlacedOrder normalised(PlacedOrder found, PlacedOrder expected) {
        assertNotNull(found);
        assertEquals(0, expected.total().compareTo(found.total()), found.toString());
        return new PlacedOrder(found.id(), found.customer(), expected.total(), found.status());
    }

    private static String jarOf(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
