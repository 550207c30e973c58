package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Layers: published versions of zips, merged into /opt for the functions that use them. */
@Cloudjar
class LambdaLayersTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static PublishLayerVersionResponse publishGreeting(LambdaClient lambda, String layer, String greeting) {
        return lambda.publishLayerVersion(b -> b.layerName(layer).compatibleRuntimes(Runtime.PYTHON3_11)
                .content(c -> c.zipFile(FunctionPackages.file("python/greetings.py",
                        "def greet(name):\n    return '" + greeting + " ' + name\n"))));
    }

    private static void createUsing(LambdaClient lambda, String name, String layerArn) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.11").handler("app.handler").role(ROLE)
                .layers(layerArn).code(c -> c.zipFile(FunctionPackages.file("app.py", """
                        import greetings
                        def handler(event, context):
                            return greetings.greet(event['name'])
                        """))));
    }

    @Test
    void aPythonHandlerImportsAModuleFromItsLayer(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            PublishLayerVersionResponse v1 = publishGreeting(lambda, "greetings", "hello");
            assertEquals(1, v1.version());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:layer:greetings:1", v1.layerVersionArn());

            createUsing(lambda, "layered", v1.layerVersionArn());

            assertEquals("\"hello cloudjar\"", lambda.invoke(b -> b.functionName("layered")
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"cloudjar\"}")))
                    .payload().asUtf8String());
            assertEquals(List.of(v1.layerVersionArn()), lambda.getFunctionConfiguration(b -> b.functionName("layered"))
                    .layers().stream().map(l -> l.arn()).toList());
        }
    }

    @Test
    void versionsArePublishedListedNewestFirstAndDeletedWithoutReusingNumbers(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            PublishLayerVersionResponse v1 = publishGreeting(lambda, "salutations", "hi");
            PublishLayerVersionResponse v2 = publishGreeting(lambda, "salutations", "hey");
            GetLayerVersionResponse got = lambda.getLayerVersion(b -> b.layerName("salutations").versionNumber(2L));
            assertEquals(v2.content().codeSha256(), got.content().codeSha256());
            assertEquals(List.of(Runtime.PYTHON3_11), got.compatibleRuntimes());
            assertEquals(List.of(2L, 1L), lambda.listLayerVersions(b -> b.layerName("salutations")).layerVersions().stream()
                    .map(LayerVersionsListItem::version).toList());

            lambda.deleteLayerVersion(b -> b.layerName("salutations").versionNumber(2L));
            assertThrows(ResourceNotFoundException.class,
                    () -> lambda.getLayerVersion(b -> b.layerName("salutations").versionNumber(2L)));
            assertEquals(3, publishGreeting(lambda, "salutations", "yo").version());
            assertEquals(v1.layerVersionArn(), lambda.getLayerVersionByArn(b -> b.arn(v1.layerVersionArn())).layerVersionArn());
        }
    }

    @Test
    void aFunctionCannotUseALayerVersionThatDoesNotExist(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            String missing = "arn:aws:lambda:us-east-1:000000000000:layer:nothing:7";
            InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                    () -> createUsing(lambda, "unlayered", missing));
            assertEquals("Layer version " + missing + " does not exist.", e.awsErrorDetails().errorMessage());
        }
    }
}
