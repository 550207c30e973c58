package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control plane: functions, versions, aliases, permissions, event invoke configs, account settings. */
@Cloudjar
class LambdaFunctionsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static SdkBytes returning(String expression) {
        return FunctionPackages.file("index.js", "exports.handler = async (event) => (" + expression + ");\n");
    }

    private static CreateFunctionResponse create(LambdaClient lambda, String name, SdkBytes code) {
        return lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(code)));
    }

    private static String invoke(LambdaClient lambda, String name) {
        return lambda.invoke(b -> b.functionName(name)).payload().asUtf8String();
    }

    @Test
    void aFunctionIsCreatedPendingThenActiveListedUpdatedAndDeleted(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            CreateFunctionResponse created = create(lambda, "crud", returning("process.env.GREETING || 'none'"));
            assertEquals(State.PENDING, created.state());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:crud", created.functionArn());
            assertEquals(128, created.memorySize());
            assertEquals(3, created.timeout());
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("crud"));
            assertTrue(lambda.listFunctions().functions().stream().anyMatch(f -> f.functionName().equals("crud")));

            lambda.updateFunctionConfiguration(b -> b.functionName("crud").memorySize(256)
                    .environment(e -> e.variables(Map.of("GREETING", "hi"))));
            assertEquals(256, lambda.getFunctionConfiguration(b -> b.functionName("crud")).memorySize());
            assertEquals("\"hi\"", invoke(lambda, "crud"));

            lambda.updateFunctionCode(b -> b.functionName("crud").zipFile(returning("'new code'")));
            assertEquals("\"new code\"", invoke(lambda, "crud"));

            lambda.deleteFunction(b -> b.functionName("crud"));
            ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                    () -> lambda.getFunction(b -> b.functionName("crud")));
            assertEquals(404, gone.statusCode());
        }
    }

    @Test
    void creatingAFunctionTwiceConflictsAndABadZipIsRefused(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "twice", returning("1"));
            assertThrows(ResourceConflictException.class, () -> create(lambda, "twice", returning("1")));
            InvalidParameterValueException bad = assertThrows(InvalidParameterValueException.class,
                    () -> create(lambda, "not-a-zip", SdkBytes.fromUtf8String("plain text")));
            assertTrue(bad.getMessage().contains("Could not unzip uploaded file"));
        }
    }

    @Test
    void aClientContextThatIsNotBase64IsRefused(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "with-context", returning("1"));
            InvalidParameterValueException bad = assertThrows(InvalidParameterValueException.class,
                    () -> lambda.invoke(b -> b.functionName("with-context").clientContext("not base64!")));
            assertEquals("InvalidParameterValueException", bad.awsErrorDetails().errorCode());
            assertEquals("Client context must be a valid Base64-encoded JSON object.", bad.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void versionsAndAliasesPinCodeAndQualifiedNamesAndArnsInvokeThem(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "versioned", returning("'one'"));
            assertEquals("1", lambda.publishVersion(b -> b.functionName("versioned")).version());
            lambda.updateFunctionCode(b -> b.functionName("versioned").zipFile(returning("'two'")));
            assertEquals("2", lambda.publishVersion(b -> b.functionName("versioned")).version());
            assertEquals("2", lambda.publishVersion(b -> b.functionName("versioned")).version(),
                    "publishing unchanged code gives the last version again");
            lambda.createAlias(b -> b.functionName("versioned").name("prod").functionVersion("1"));

            InvokeResponse viaAlias = lambda.invoke(b -> b.functionName("versioned:prod"));
            assertEquals("\"one\"", viaAlias.payload().asUtf8String());
            assertEquals("1", viaAlias.executedVersion());
            assertEquals("\"two\"", invoke(lambda, "arn:aws:lambda:us-east-1:000000000000:function:versioned:2"));
            assertEquals("\"one\"", lambda.invoke(b -> b.functionName("versioned").qualifier("prod")).payload().asUtf8String());

            lambda.updateAlias(b -> b.functionName("versioned").name("prod").functionVersion("2"));
            assertEquals("\"two\"", invoke(lambda, "versioned:prod"));
            assertEquals(3, lambda.listVersionsByFunction(b -> b.functionName("versioned")).versions().size());
            assertEquals(1, lambda.listAliases(b -> b.functionName("versioned")).aliases().size());
            lambda.deleteAlias(b -> b.functionName("versioned").name("prod"));
            assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName("versioned").name("prod")));
        }
    }

    @Test
    void permissionsFormTheResourcePolicy(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "guarded", returning("1"));
            String statement = lambda.addPermission(b -> b.functionName("guarded").statementId("s3-invoke")
                    .action("lambda:InvokeFunction").principal("s3.amazonaws.com")
                    .sourceArn("arn:aws:s3:::my-bucket")).statement();
            assertTrue(statement.contains("\"Sid\":\"s3-invoke\""), statement);
            assertThrows(ResourceConflictException.class, () -> lambda.addPermission(b -> b.functionName("guarded")
                    .statementId("s3-invoke").action("lambda:InvokeFunction").principal("s3.amazonaws.com")));
            assertTrue(lambda.getPolicy(b -> b.functionName("guarded")).policy().contains("s3.amazonaws.com"));
            lambda.removePermission(b -> b.functionName("guarded").statementId("s3-invoke"));
            assertThrows(ResourceNotFoundException.class, () -> lambda.getPolicy(b -> b.functionName("guarded")));
        }
    }

    @Test
    void eventInvokeConfigsAreKeptPerQualifierAndValidated(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "configured", returning("1"));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").maximumRetryAttempts(1)
                    .maximumEventAgeInSeconds(120));
            lambda.updateFunctionEventInvokeConfig(b -> b.functionName("configured").maximumRetryAttempts(0));
            var config = lambda.getFunctionEventInvokeConfig(b -> b.functionName("configured"));
            assertEquals(0, config.maximumRetryAttempts());
            assertEquals(120, config.maximumEventAgeInSeconds());
            assertEquals(1, lambda.listFunctionEventInvokeConfigs(b -> b.functionName("configured"))
                    .functionEventInvokeConfigs().size());
            LambdaException invalid = assertThrows(LambdaException.class, () -> lambda.putFunctionEventInvokeConfig(
                    b -> b.functionName("configured").maximumRetryAttempts(3)));
            assertEquals(400, invalid.statusCode());
            lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("configured"));
            assertThrows(ResourceNotFoundException.class,
                    () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("configured")));
        }
    }

    @Test
    void dryRunAndEventInvocationsAnswer204And202AndOversizedPayloadsAreRefused(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "kinds", returning("1"));
            assertEquals(204, lambda.invoke(b -> b.functionName("kinds").invocationType(InvocationType.DRY_RUN)).statusCode());
            assertEquals(202, lambda.invoke(b -> b.functionName("kinds").invocationType(InvocationType.EVENT)).statusCode());
            String big = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
            LambdaException tooLarge = assertThrows(LambdaException.class,
                    () -> lambda.invoke(b -> b.functionName("kinds").payload(SdkBytes.fromUtf8String(big))));
            assertEquals(413, tooLarge.statusCode());
            assertEquals("RequestEntityTooLargeException", tooLarge.awsErrorDetails().errorCode());
            assertThrows(ResourceNotFoundException.class, () -> invoke(lambda, "nobody"));
        }
    }

    @Test
    void reservationsMustLeaveOneHundredUnreservedAndShowInAccountSettings(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "reserving", returning("1"));
            InvalidParameterValueException tooMuch = assertThrows(InvalidParameterValueException.class,
                    () -> lambda.putFunctionConcurrency(b -> b.functionName("reserving").reservedConcurrentExecutions(901)));
            assertTrue(tooMuch.getMessage().contains("below its minimum value of [100]"));
            lambda.putFunctionConcurrency(b -> b.functionName("reserving").reservedConcurrentExecutions(50));
            var settings = lambda.getAccountSettings();
            assertEquals(1000, settings.accountLimit().concurrentExecutions());
            assertEquals(950, settings.accountLimit().unreservedConcurrentExecutions());
            assertEquals(50, lambda.getFunction(b -> b.functionName("reserving")).concurrency().reservedConcurrentExecutions());
            lambda.deleteFunctionConcurrency(b -> b.functionName("reserving"));
        }
    }

    @Test
    void anAliasWithAdditionalVersionWeightsRoutesInvocationsToBothVersions(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "weighted", returning("'one'"));
            String one = lambda.publishVersion(b -> b.functionName("weighted")).version();
            lambda.updateFunctionCode(b -> b.functionName("weighted").zipFile(returning("'two'")));
            String two = lambda.publishVersion(b -> b.functionName("weighted")).version();
            lambda.createAlias(b -> b.functionName("weighted").name("canary").functionVersion(one)
                    .routingConfig(r -> r.additionalVersionWeights(Map.of(two, 0.5))));

            Set<String> executed = new HashSet<>();
            // Each version's chance of missing 40 invocations at even odds is 2^-40.
            for (int i = 0; i < 40; i++) {
                InvokeResponse response = lambda.invoke(b -> b.functionName("weighted:canary"));
                executed.add(response.executedVersion() + "=" + response.payload().asUtf8String());
            }

            assertEquals(Set.of(one + "=\"one\"", two + "=\"two\""), executed);
        }
    }
}
