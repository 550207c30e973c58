package com.example.orders;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class QueueAndFunctionTest {
    @Test
    void sendsAndReceivesOrderMessages(URI endpoint) {
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(OrderServiceTest.CREDENTIALS).build();
        String queue = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("order o-1"));
        assertEquals("order o-1", sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1))
                .messages().get(0).body());
    }

    /** The project's own handler class, deployed as a java17 function and invoked through the Lambda API. */
    @Test
    void runsTheProjectsJavaFunction(URI endpoint) throws IOException {
        LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(OrderServiceTest.CREDENTIALS).build();
        SdkBytes code = zipOf(OrderTotal.class);
        lambda.createFunction(b -> b.functionName("order-total").runtime("java17")
                .handler(OrderTotal.class.getName() + "::handleRequest")
                .role("arn:aws:iam::000000000000:role/lambda-role")
                .code(c -> c.zipFile(code)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("order-total"));

        InvokeResponse response = lambda.invoke(b -> b.functionName("order-total").payload(SdkBytes.fromUtf8String(
                "{\"orderId\":\"o-1\",\"lines\":[{\"quantity\":2,\"price\":15},{\"quantity\":1,\"price\":12}]}")));

        String payload = response.payload().asUtf8String();
        assertNull(response.functionError(), payload);
        // A Map's JSON: the members in any order.
        for (String member : new String[] {"\"orderId\":\"o-1\"", "\"total\":42", "\"function\":\"order-total\""}) {
            assertTrue(payload.contains(member), payload);
        }
        assertEquals("{\"orderId\":\"o-1\",\"total\":42,\"function\":\"order-total\"}".length(), payload.length(), payload);
    }

    private static SdkBytes zipOf(Class<?> handler) throws IOException {
        String entry = handler.getName().replace('.', '/') + ".class";
        Path classFile;
        try {
            classFile = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(entry);
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(Files.readAllBytes(classFile));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
