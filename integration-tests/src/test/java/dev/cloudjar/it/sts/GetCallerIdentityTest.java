package dev.cloudjar.it.sts;

import dev.cloudjar.it.fixtures.Processes;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class GetCallerIdentityTest {

    @Test
    void sdkV2GetsTheDefaultAccountAndItsRootArn(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertEquals("000000000000", identity.account());
            assertEquals("arn:aws:iam::000000000000:root", identity.arn());
            assertEquals("000000000000", identity.userId());
        }
    }

    @Test
    void boto3GetsTheDefaultAccount(URI endpoint) throws Exception {
        String script = "import boto3\n"
                + "c = boto3.client('sts', endpoint_url='" + endpoint + "', region_name='us-east-1',"
                + " aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "r = c.get_caller_identity()\n"
                + "print(r['Account'] + ' ' + r['Arn'])\n";
        Processes.Result result = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("000000000000 arn:aws:iam::000000000000:root", result.output().trim());
    }

    @Test
    void awsCliGetsTheDefaultAccount(URI endpoint) throws Exception {
        Processes.Result result = Processes.run(
                List.of("aws", "--endpoint-url", endpoint.toString(), "sts", "get-caller-identity",
                        "--query", "Account", "--output", "text"),
                Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1"));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("000000000000", result.output().trim());
    }

    @Test
    void wrongSecretIsRefusedWithSignatureDoesNotMatch(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "not-the-secret")) {
            StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unknownAccessKeyIsRefusedWithInvalidClientTokenId(URI endpoint) {
        try (StsClient sts = sts(endpoint, "AKIDNOBODYHASTHIS", "whatever")) {
            StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("security token included in the request is invalid"));
        }
    }
}
