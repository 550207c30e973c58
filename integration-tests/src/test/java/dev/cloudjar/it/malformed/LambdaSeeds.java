package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.lambda.FunctionPackages;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Lambda (restJson1): a function that is never invoked (an invocation would start a runtime the
 * mutations gain nothing from), and a valid request for most operations. Invoke names a function
 * that does not exist, so no mutated copy can start one.
 */
final class LambdaSeeds {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private LambdaSeeds() {
    }

    static List<Seed> seeds(URI endpoint, SdkCapture capture) {
        SdkBytes code = FunctionPackages.file("index.js", "exports.handler = async () => 'ok';");
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            lambda.createFunction(b -> b.functionName("gen-fn").runtime(Runtime.NODEJS20_X).handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(code)));
            lambda.createFunction(b -> b.functionName("gen-other").runtime(Runtime.NODEJS20_X).handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(code)));
        }
        LambdaClient lambda = capture.client(LambdaClient.builder());
        return capture.capture(lambda, Protocol.REST_JSON_1, "lambda",
                c -> c.createFunction(b -> b.functionName("gen-new").runtime(Runtime.PYTHON3_12).handler("app.handler")
                        .role(ROLE).code(x -> x.zipFile(code)).timeout(10).memorySize(256)
                        .environment(e -> e.variables(Map.of("STAGE", "b"))).tags(Map.of("team", "blue"))
                        .description("generated")),
                c -> c.getFunction(b -> b.functionName("gen-fn")),
                c -> c.getFunctionConfiguration(b -> b.functionName("gen-fn").qualifier("$LATEST")),
                c -> c.listFunctions(b -> b.maxItems(5)),
                c -> c.updateFunctionCode(b -> b.functionName("gen-other").zipFile(code).publish(false)),
                c -> c.updateFunctionConfiguration(b -> b.functionName("gen-other").timeout(20).memorySize(512)
                        .environment(e -> e.variables(Map.of("STAGE", "y")))),
                c -> c.deleteFunction(b -> b.functionName("gen-gone")),
                c -> c.publishVersion(b -> b.functionName("gen-fn").description("v")),
                c -> c.listVersionsByFunction(b -> b.functionName("gen-fn").maxItems(2)),
                c -> c.addPermission(b -> b.functionName("gen-fn").statementId("s1").action("lambda:InvokeFunction")
                        .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::gen")),
                c -> c.removePermission(b -> b.functionName("gen-fn").statementId("nope")),
                c -> c.getPolicy(b -> b.functionName("gen-fn")),
                c -> c.createAlias(b -> b.functionName("gen-fn").name("live").functionVersion("$LATEST")),
                c -> c.getAlias(b -> b.functionName("gen-fn").name("live")),
                c -> c.updateAlias(b -> b.functionName("gen-fn").name("live").description("d")),
                c -> c.deleteAlias(b -> b.functionName("gen-fn").name("gone")),
                c -> c.listAliases(b -> b.functionName("gen-fn").maxItems(3)),
                c -> c.putFunctionConcurrency(b -> b.functionName("gen-other").reservedConcurrentExecutions(5)),
                c -> c.getFunctionConcurrency(b -> b.functionName("gen-fn")),
                c -> c.deleteFunctionConcurrency(b -> b.functionName("gen-other")),
                c -> c.putProvisionedConcurrencyConfig(b -> b.functionName("gen-fn").qualifier("live")
                        .provisionedConcurrentExecutions(1)),
                c -> c.getAccountSettings(b -> { }),
                c -> c.putFunctionEventInvokeConfig(b -> b.functionName("gen-fn").maximumRetryAttempts(1)
                        .maximumEventAgeInSeconds(120)),
                c -> c.listFunctionEventInvokeConfigs(b -> b.functionName("gen-fn")),
                c -> c.invoke(b -> b.functionName("gen-missing").invocationType(InvocationType.REQUEST_RESPONSE)
                        .logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"k\":1}"))
                        .clientContext("eyJjdXN0b20iOnt9fQ==")),
                c -> c.invoke(b -> b.functionName("gen-missing").invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("[1,2]"))),
                c -> c.createEventSourceMapping(b -> b.functionName("gen-fn").batchSize(5).enabled(false)
                        .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:gen-missing-queue")),
                c -> c.listEventSourceMappings(b -> b.functionName("gen-fn").maxItems(5)),
                c -> c.getEventSourceMapping(b -> b.uuid("00000000-0000-0000-0000-000000000000")),
                c -> c.publishLayerVersion(b -> b.layerName("gen-layer").content(x -> x.zipFile(code))
                        .compatibleRuntimes(Runtime.NODEJS20_X)),
                c -> c.listLayers(b -> b.maxItems(5)),
                c -> c.getLayerVersion(b -> b.layerName("gen-layer").versionNumber(1L)));
    }
}
