package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests that once answered 500 after changing state, or without changing any: each now gets
 * the service's own 400, and a request that fails validation changes nothing.
 */
@Cloudjar
class ValidateBeforeActingTest {

    /** A signed S3 request with the given subresource (or none) and XML body, with the Content-MD5 S3 asks of such bodies. */
    private static RawHttp.Reply s3(URI endpoint, SdkHttpMethod method, String path, String subresource, String xml)
            throws Exception {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = Signer.request(endpoint, method, path);
        if (subresource != null) {
            request.putRawQueryParameter(subresource, "");
        }
        Signer.Signed signed = Signer.sign(request
                        .putHeader("Content-Type", "application/xml")
                        .putHeader("Content-Length", String.valueOf(body.length))
                        .putHeader("Content-MD5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body))).build(),
                body, "test", "test", "s3", Clock.systemUTC(),
                r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        try (RawHttp http = new RawHttp(endpoint)) {
            return http.send(signed.wire()).read();
        }
    }

    /** S3 API Reference, DeleteObjects: the whole body must validate (MalformedXML) before any object is deleted. */
    @Test
    void aDeleteObjectsWithAnEntryWithoutAKeyDeletesNothing(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("batch"));
            s3.putObject(b -> b.bucket("batch").key("first"), RequestBody.fromString("1"));

            // The SDK refuses to send an ObjectIdentifier without a Key, so this one is signed by hand.
            RawHttp.Reply reply = s3(endpoint, SdkHttpMethod.POST, "/batch", "delete",
                    "<Delete><Object><Key>first</Key></Object><Object><VersionId>v</VersionId></Object></Delete>");

            assertEquals(400, reply.status(), reply.text());
            assertTrue(reply.text().contains("<Code>MalformedXML</Code>"), reply.text());
            assertEquals("1", s3.getObjectAsBytes(b -> b.bucket("batch").key("first")).asUtf8String(), "still there");
        }
    }

    @Test
    void putObjectTaggingWithoutATagSetIsMalformedXml(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("tags"));
            s3.putObject(b -> b.bucket("tags").key("k"), RequestBody.fromString("x"));

            RawHttp.Reply reply = s3(endpoint, SdkHttpMethod.PUT, "/tags/k", "tagging", "");

            assertEquals(400, reply.status(), reply.text());
            assertTrue(reply.text().contains("<Code>MalformedXML</Code>"), reply.text());
        }
    }

    /** A control character in a response-* override once made the worker throw and left the connection unanswered. */
    @Test
    void aResponseHeaderOverrideWithAControlCharacterIsRefused(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("overrides"));
            s3.putObject(b -> b.bucket("overrides").key("k"), RequestBody.fromString("x"));
        }
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/overrides/k")
                        .putRawQueryParameter("response-content-type", "text/plain\r\nx: y").build(),
                new byte[0], "test", "test", "s3", Clock.systemUTC(),
                r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send(signed.wire()).read();
            assertEquals(400, reply.status(), reply.text());
            assertTrue(reply.text().contains("<Code>InvalidArgument</Code>"), reply.text());
            assertTrue(reply.text().contains("<ArgumentName>response-content-type</ArgumentName>"), reply.text());
        }
    }

    /**
     * S3 refuses an override HTTP cannot carry in ISO-8859-1 (a Unicode filename is the usual one)
     * with InvalidArgument; whitespace around an override is not part of a header value. A lone
     * space once failed the header write and answered 500.
     */
    @Test
    void aResponseHeaderOverrideOutsideIso88591IsRefusedAndSurroundingSpacesAreDropped(URI endpoint) {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("unicode-overrides"));
            s3.putObject(b -> b.bucket("unicode-overrides").key("k"), RequestBody.fromString("x"));

            S3Exception e = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket("unicode-overrides")
                    .key("k").responseContentDisposition("attachment; filename=\"r\u00e9sum\u00e9 \u2713.txt\"")));
            assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            assertEquals("Header value cannot be represented using ISO-8859-1.", e.awsErrorDetails().errorMessage());

            String blank = s3.headObject(b -> b.bucket("unicode-overrides").key("k").responseContentDisposition(" "))
                    .contentDisposition();
            assertTrue(blank == null || blank.isEmpty(), blank);
            assertEquals("text/plain", s3.getObjectAsBytes(b -> b.bucket("unicode-overrides").key("k")
                    .responseContentType("  text/plain ")).response().contentType());
        }
    }

    @Test
    void anSrpAThatIsNotHexIsAnInvalidParameter(URI endpoint) {
        try (CognitoIdentityProviderClient idp = Clients.cognitoIdp(endpoint)) {
            String pool = idp.createUserPool(b -> b.poolName("srp")).userPool().id();
            String client = idp.createUserPoolClient(b -> b.userPoolId(pool).clientName("web")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();

            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> idp.initiateAuth(b -> b
                    .clientId(client).authFlow(AuthFlowType.USER_SRP_AUTH)
                    .authParameters(Map.of("USERNAME", "ann", "SRP_A", "not-hex"))));

            assertEquals("InvalidParameterException", e.awsErrorDetails().errorCode());
            assertEquals("Invalid SRP_A value.", e.awsErrorDetails().errorMessage());
        }
    }

    /** SQS API Reference, ListQueues: MaxResults is 1 to 1000. */
    @Test
    void listQueuesWithMaxResultsOutOfRangeOrAForeignNextTokenIsAnInvalidParameterValue(URI endpoint) {
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            SqsException range = assertThrows(SqsException.class, () -> sqs.listQueues(b -> b.maxResults(-1)));
            assertEquals("InvalidParameterValue", range.awsErrorDetails().errorCode());
            assertEquals(400, range.statusCode());
            assertEquals("Value -1 for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.",
                    range.awsErrorDetails().errorMessage());

            SqsException token = assertThrows(SqsException.class, () -> sqs.listQueues(b -> b.maxResults(5).nextToken("zzz")));
            assertEquals("InvalidParameterValue", token.awsErrorDetails().errorCode());
        }
    }

    /**
     * S3 routes a POST to an object by its subresource (?uploads, ?uploadId, ?restore, ?select);
     * without one it is no operation, and S3 answers 405 naming the method and the resource type
     * (as recorded from S3 in versity/versitygw#896). It once reached CompleteMultipartUpload without
     * an upload id and answered 500.
     */
    @Test
    void aPostToAnObjectWithoutASubresourceIsMethodNotAllowed(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("posts"));
            s3.putObject(b -> b.bucket("posts").key("k"), RequestBody.fromString("x"));
        }
        RawHttp.Reply reply = s3(endpoint, SdkHttpMethod.POST, "/posts/k", null, "");

        assertEquals(405, reply.status(), reply.text());
        assertTrue(reply.text().contains("<Code>MethodNotAllowed</Code>"), reply.text());
        assertTrue(reply.text().contains("<Method>POST</Method><ResourceType>OBJECT</ResourceType>"), reply.text());
    }

    /**
     * A query-protocol map entry with a key and no value is refused as the JSON protocols refuse a
     * null in a map that is not sparse; SendMessage once took it for an attribute and answered 500.
     */
    @Test
    void aQueryMessageAttributeWithoutAValueIsRefusedAndSendsNothing(URI endpoint) throws Exception {
        String url;
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            url = sqs.createQueue(b -> b.queueName("attribute-without-value")).queueUrl();
        }
        String form = "Action=SendMessage&Version=2012-11-05&QueueUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8)
                + "&MessageBody=hello&MessageAttribute.1.Name=n";
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
                form.getBytes(StandardCharsets.UTF_8), "test", "test", "sqs");
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send(signed.wire()).read();
            assertEquals(400, reply.status(), reply.text());
            assertTrue(reply.text().contains("<Type>Sender</Type>"), reply.text());
            assertTrue(reply.text().contains("<Code>ValidationError</Code><Message>map entry MessageAttribute.1 has no Value"
                    + "</Message>"), reply.text());
        }
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
                    .get("ApproximateNumberOfMessages"), "nothing was sent");
        }
    }
}
