package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Function code named by S3Bucket / S3Key / S3ObjectVersion, read from Cloudjar's S3. */
@Cloudjar
class LambdaCodeFromS3Test {
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static SdkBytes returning(String expression) {
        return FunctionPackages.file("index.js", "exports.handler = async () => (" + expression + ");\n");
    }

    private static String invoke(LambdaClient lambda, String name) {
        return lambda.invoke(b -> b.functionName(name)).payload().asUtf8String();
    }

    @Test
    void aFunctionIsCreatedFromAZipInS3AndUpdatedFromAnOlderVersionOfIt(URI endpoint) {
        try (S3Client s3 = Clients.s3(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            s3.createBucket(b -> b.bucket("deployments"));
            s3.putBucketVersioning(b -> b.bucket("deployments").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            String first = s3.putObject(b -> b.bucket("deployments").key("fn.zip"),
                    RequestBody.fromBytes(returning("'first'").asByteArray())).versionId();
            s3.putObject(b -> b.bucket("deployments").key("fn.zip"), RequestBody.fromBytes(returning("'second'").asByteArray()));

            lambda.createFunction(b -> b.functionName("from-s3").runtime("nodejs20.x").handler("index.handler").role(ROLE)
                    .code(c -> c.s3Bucket("deployments").s3Key("fn.zip")));
            assertEquals("\"second\"", invoke(lambda, "from-s3"));

            lambda.updateFunctionCode(b -> b.functionName("from-s3").s3Bucket("deployments").s3Key("fn.zip")
                    .s3ObjectVersion(first));
            assertEquals("\"first\"", invoke(lambda, "from-s3"));
        }
    }

    @Test
    void aMissingKeyOrBucketFailsWithS3sErrorInsideInvalidParameterValue(URI endpoint) {
        try (S3Client s3 = Clients.s3(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            s3.createBucket(b -> b.bucket("empty-deployments"));
            Map<String, String> messages = Map.of(
                    "empty-deployments", "S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.",
                    "no-such-bucket", "S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist");
            messages.forEach((bucket, s3Error) -> {
                InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () ->
                        lambda.createFunction(b -> b.functionName("missing").runtime("nodejs20.x").handler("index.handler")
                                .role(ROLE).code(c -> c.s3Bucket(bucket).s3Key("absent.zip"))));
                assertEquals("InvalidParameterValueException", e.awsErrorDetails().errorCode());
                assertEquals("Error occurred while GetObject. " + s3Error, e.awsErrorDetails().errorMessage());
            });
        }
    }
}
