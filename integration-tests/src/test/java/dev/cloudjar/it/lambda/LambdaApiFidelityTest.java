package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control plane's answers checked against Lambda's own: error codes, statuses, messages and
 * the Type member, for functions, versions, aliases, permissions and concurrency.
 */
@Cloudjar
class LambdaApiFidelityTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final SdkBytes CODE = FunctionPackages.file("index.js", "exports.handler = async () => 1;\n");
    private static final SdkBytes OTHER_CODE = FunctionPackages.file("index.js", "exports.handler = async () => 2;\n");

    private static void create(LambdaClient lambda, String name) {
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").handler("index.handler").role(ROLE)
                .code(c -> c.zipFile(CODE)));
    }

    @Test
    void aSecondFunctionOfTheSameNameConflictsWithLambdasWordingAndTypeUser(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "dup");
            ResourceConflictException e = fails(ResourceConflictException.class, "ResourceConflictException", 409,
                    "Function already exist: dup", () -> create(lambda, "dup"));
            assertEquals("User", e.type());
            assertEquals("ResourceConflictException",
                    e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse("").split(":")[0]);
        }
    }

    @Test
    void anUnknownRuntimeFailsWithTheEnumMessageAndARetiredOneNamesItsSuccessor(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            InvalidParameterValueException unknown = assertThrows(InvalidParameterValueException.class,
                    () -> lambda.createFunction(b -> b.functionName("rt").runtime("nodejs99.x").handler("index.handler")
                            .role(ROLE).code(c -> c.zipFile(CODE))));
            assertEquals(400, unknown.statusCode());
            String message = unknown.awsErrorDetails().errorMessage();
            assertTrue(message.startsWith("Value nodejs99.x at 'runtime' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: ["), message);
            assertTrue(message.endsWith("] or be a valid ARN"), message);
            assertTrue(message.contains("nodejs22.x") && message.contains("python3.13"), message);

            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda "
                            + "functions. We recommend you use the new runtime (python3.12) while creating or updating functions.",
                    () -> lambda.createFunction(b -> b.functionName("rt").runtime("python3.7").handler("index.handler")
                            .role(ROLE).code(c -> c.zipFile(CODE))));
            create(lambda, "rt-update");
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "The runtime parameter of nodejs12.x is no longer supported for creating or updating AWS Lambda "
                            + "functions. We recommend you use the new runtime (nodejs18.x) while creating or updating functions.",
                    () -> lambda.updateFunctionConfiguration(b -> b.functionName("rt-update").runtime("nodejs12.x")));
        }
    }

    @Test
    void modelConstraintsFailWithValidationExceptionWordedAsCoral(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            fails(LambdaException.class, "ValidationException", 400,
                    "1 validation error detected: Value 'index handler' at 'handler' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: [^\\s]+",
                    () -> lambda.createFunction(b -> b.functionName("v").runtime("nodejs20.x").handler("index handler")
                            .role(ROLE).code(c -> c.zipFile(CODE))));
            fails(LambdaException.class, "ValidationException", 400,
                    "1 validation error detected: Value '20000' at 'memorySize' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 10240",
                    () -> lambda.createFunction(b -> b.functionName("v").runtime("nodejs20.x").handler("index.handler")
                            .memorySize(20000).role(ROLE).code(c -> c.zipFile(CODE))));
            fails(LambdaException.class, "ValidationException", 400,
                    "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1",
                    () -> lambda.createFunction(b -> b.functionName("v").runtime("nodejs20.x").handler("index.handler")
                            .timeout(0).role(ROLE).code(c -> c.zipFile(CODE))));
            fails(LambdaException.class, "ValidationException", 400,
                    "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 900",
                    () -> lambda.createFunction(b -> b.functionName("v").runtime("nodejs20.x").handler("index.handler")
                            .timeout(901).role(ROLE).code(c -> c.zipFile(CODE))));
            fails(LambdaException.class, "ValidationException", 400,
                    "1 validation error detected: Value 'lambda-role' at 'role' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: "
                            + "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
                    () -> lambda.createFunction(b -> b.functionName("v").runtime("nodejs20.x").handler("index.handler")
                            .role("lambda-role").code(c -> c.zipFile(CODE))));
        }
    }

    @Test
    void codePackagesMustBeOneZipThatUnpacks(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Please do not provide other FunctionCode parameters when providing a ZipFile.",
                    () -> lambda.createFunction(b -> b.functionName("both").runtime("nodejs20.x").handler("index.handler")
                            .role(ROLE).code(c -> c.zipFile(CODE).s3Bucket("bucket").s3Key("fn.zip"))));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Could not unzip uploaded file. Please check your file, then try to upload again.",
                    () -> lambda.createFunction(b -> b.functionName("text").runtime("nodejs20.x").handler("index.handler")
                            .role(ROLE).code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))));
        }
    }

    @Test
    void unknownFunctionsVersionsAndAliasesAreNotFoundWithTheirFullArn(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "ghost", () -> lambda.getFunction(b -> b.functionName("ghost")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "ghost:7",
                    () -> lambda.getFunction(b -> b.functionName("ghost").qualifier("7")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "ghost",
                    () -> lambda.updateFunctionConfiguration(b -> b.functionName("ghost").timeout(5)));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "ghost",
                    () -> lambda.updateFunctionCode(b -> b.functionName("ghost").zipFile(CODE)));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "ghost", () -> lambda.deleteFunction(b -> b.functionName("ghost")));

            create(lambda, "real");
            ResourceNotFoundException version = fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "real:3",
                    () -> lambda.getFunctionConfiguration(b -> b.functionName("real:3")));
            assertEquals("User", version.type());
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "real:live",
                    () -> lambda.getFunction(b -> b.functionName("real").qualifier("live")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Cannot find alias arn: " + ARN + "real:live",
                    () -> lambda.getAlias(b -> b.functionName("real").name("live")));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "$LATEST version cannot be deleted without deleting the function.",
                    () -> lambda.deleteFunction(b -> b.functionName("real").qualifier("$LATEST")));
        }
    }

    @Test
    void updatesReportInProgressThenSuccessfulAndAStaleRevisionIdFailsThePrecondition(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "rev");
            String revision = lambda.getFunction(b -> b.functionName("rev")).configuration().revisionId();
            var updated = lambda.updateFunctionConfiguration(b -> b.functionName("rev").timeout(10)
                    .revisionId(revision));
            assertEquals(LastUpdateStatus.IN_PROGRESS, updated.lastUpdateStatus());
            assertEquals("Creating", updated.lastUpdateStatusReasonCodeAsString());
            assertEquals("The function is being created.", updated.lastUpdateStatusReason());
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("rev"));
            assertEquals(LastUpdateStatus.SUCCESSFUL,
                    lambda.getFunctionConfiguration(b -> b.functionName("rev")).lastUpdateStatus());

            String message = "The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id";
            PreconditionFailedException stale = fails(PreconditionFailedException.class, "PreconditionFailedException",
                    412, message, () -> lambda.updateFunctionConfiguration(b -> b.functionName("rev").timeout(20)
                            .revisionId(revision)));
            assertEquals("User", stale.type());
            fails(PreconditionFailedException.class, "PreconditionFailedException", 412, message,
                    () -> lambda.updateFunctionCode(b -> b.functionName("rev").zipFile(OTHER_CODE).revisionId(revision)));
            fails(PreconditionFailedException.class, "PreconditionFailedException", 412, message,
                    () -> lambda.publishVersion(b -> b.functionName("rev").revisionId(revision)));
        }
    }

    @Test
    void publishingUnchangedCodeGivesTheSameVersionPublishingOnUpdateAnswersTheNewVersionAndAStaleSha256IsRefused(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "pub");
            var first = lambda.publishVersion(b -> b.functionName("pub"));
            assertEquals("1", first.version());
            assertEquals(ARN + "pub:1", first.functionArn());
            assertEquals("1", lambda.publishVersion(b -> b.functionName("pub")).version());
            var published = lambda.updateFunctionCode(b -> b.functionName("pub").zipFile(OTHER_CODE).publish(true));
            assertEquals("2", published.version());
            assertEquals(ARN + "pub:2", published.functionArn());
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "CodeSHA256 (stale) is different from current CodeSHA256 in $LATEST (" + published.codeSha256()
                            + "). Please try again with the CodeSHA256 in $LATEST.",
                    () -> lambda.publishVersion(b -> b.functionName("pub").codeSha256("stale")));
        }
    }

    @Test
    void versionsAndFunctionsArePagedByMarkerAndAllVersionsCarryQualifiedArns(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "paged");
            lambda.publishVersion(b -> b.functionName("paged"));
            lambda.updateFunctionCode(b -> b.functionName("paged").zipFile(OTHER_CODE));
            lambda.publishVersion(b -> b.functionName("paged"));

            List<String> arns = new ArrayList<>();
            String marker = null;
            do {
                String from = marker;
                var page = lambda.listVersionsByFunction(b -> b.functionName("paged").maxItems(2).marker(from));
                assertTrue(page.versions().size() <= 2);
                page.versions().forEach(v -> arns.add(v.functionArn()));
                marker = page.nextMarker();
            } while (marker != null);
            assertEquals(List.of(ARN + "paged:$LATEST", ARN + "paged:1", ARN + "paged:2"), arns);

            create(lambda, "paged-other");
            ListFunctionsResponse firstPage = lambda.listFunctions(b -> b.maxItems(1));
            assertEquals(1, firstPage.functions().size());
            ListFunctionsResponse rest = lambda.listFunctions(b -> b.marker(firstPage.nextMarker()));
            assertNull(rest.nextMarker());
            FunctionConfiguration listed = lambda.listFunctions().functions().stream()
                    .filter(f -> f.functionName().equals("paged")).findFirst().orElseThrow();
            assertEquals(ARN + "paged", listed.functionArn());
            assertNull(listed.state(), "lists leave out the state");
            assertNull(listed.lastUpdateStatus());
            List<String> all = lambda.listFunctions(b -> b.functionVersion(FunctionVersion.ALL)).functions().stream()
                    .filter(f -> f.functionName().equals("paged")).map(FunctionConfiguration::functionArn).toList();
            assertEquals(List.of(ARN + "paged:$LATEST", ARN + "paged:1", ARN + "paged:2"), all);
        }
    }

    @Test
    void aliasNamesAndRoutingConfigurationsAreChecked(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "routed");
            lambda.publishVersion(b -> b.functionName("routed"));
            lambda.updateFunctionCode(b -> b.functionName("routed").zipFile(OTHER_CODE));
            lambda.publishVersion(b -> b.functionName("routed"));

            fails(LambdaException.class, "ValidationException", 400,
                    "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
                    () -> lambda.createAlias(b -> b.functionName("routed").name("123").functionVersion("1")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "routed:9",
                    () -> lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("9")));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Invalid function version 1. Function version 1 is already included in routing configuration.",
                    () -> lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("1")
                            .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "$LATEST is not supported for an alias pointing to more than 1 version",
                    () -> lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("$LATEST")
                            .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "routed:9",
                    () -> lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("1")
                            .routingConfig(r -> r.additionalVersionWeights(Map.of("9", 0.5)))));
            lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("1"));
            fails(ResourceConflictException.class, "ResourceConflictException", 409,
                    "Alias already exists: " + ARN + "routed:live",
                    () -> lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("2")));
            fails(PreconditionFailedException.class, "PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. "
                            + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                    () -> lambda.updateAlias(b -> b.functionName("routed").name("live").revisionId("stale")));
            fails(ResourceConflictException.class, "ResourceConflictException", 409,
                    "Unable to delete version because the following aliases reference it: [live]",
                    () -> lambda.deleteFunction(b -> b.functionName("routed").qualifier("1")));
        }
    }

    @Test
    void permissionsAnswerWithLambdasMessagesAndFollowTheFunctionsRevisionId(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "policy");
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "The resource you requested does not exist.", () -> lambda.getPolicy(b -> b.functionName("policy")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "No policy is associated with the given resource.",
                    () -> lambda.removePermission(b -> b.functionName("policy").statementId("none")));

            String revision = lambda.getFunction(b -> b.functionName("policy")).configuration().revisionId();
            lambda.addPermission(b -> b.functionName("policy").statementId("s3").action("lambda:InvokeFunction")
                    .principal("s3.amazonaws.com").revisionId(revision));
            String after = lambda.getPolicy(b -> b.functionName("policy")).revisionId();
            assertEquals(after, lambda.getFunction(b -> b.functionName("policy")).configuration().revisionId());
            assertTrue(!after.equals(revision), "adding a permission changes the function's RevisionId");

            fails(ResourceConflictException.class, "ResourceConflictException", 409,
                    "The statement id (s3) provided already exists. Please provide a new statement id, "
                            + "or remove the existing statement.",
                    () -> lambda.addPermission(b -> b.functionName("policy").statementId("s3")
                            .action("lambda:InvokeFunction").principal("s3.amazonaws.com")));
            fails(PreconditionFailedException.class, "PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. "
                            + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                    () -> lambda.addPermission(b -> b.functionName("policy").statementId("sns")
                            .action("lambda:InvokeFunction").principal("sns.amazonaws.com").revisionId(revision)));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Statement other is not found in resource policy.",
                    () -> lambda.removePermission(b -> b.functionName("policy").statementId("other")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Cannot find alias arn: " + ARN + "policy:live",
                    () -> lambda.addPermission(b -> b.functionName("policy").qualifier("live").statementId("x")
                            .action("lambda:InvokeFunction").principal("sns.amazonaws.com")));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "We currently do not support adding policies for $LATEST.",
                    () -> lambda.addPermission(b -> b.functionName("policy").qualifier("$LATEST").statementId("x")
                            .action("lambda:InvokeFunction").principal("sns.amazonaws.com")));
        }
    }

    @Test
    void concurrencySettingsAreBoundedAsOnLambda(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint)) {
            create(lambda, "conc");
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Specified ReservedConcurrentExecutions for function decreases account's "
                            + "UnreservedConcurrentExecution below its minimum value of [100].",
                    () -> lambda.putFunctionConcurrency(b -> b.functionName("conc").reservedConcurrentExecutions(901)));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
                    () -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("conc").qualifier("$LATEST")
                            .provisionedConcurrentExecutions(1)));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    "Function not found: " + ARN + "conc:4",
                    () -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("conc").qualifier("4")
                            .provisionedConcurrentExecutions(1)));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "The function resource provided must be an alias or a published version.",
                    () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName("conc").qualifier("$LATEST")));
            lambda.publishVersion(b -> b.functionName("conc"));
            lambda.putFunctionConcurrency(b -> b.functionName("conc").reservedConcurrentExecutions(2));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                    "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function",
                    () -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("conc").qualifier("1")
                            .provisionedConcurrentExecutions(3)));
        }
    }
}
