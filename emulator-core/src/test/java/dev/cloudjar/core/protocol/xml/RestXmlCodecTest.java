package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.core.protocol.xml.TestModels.body;
import static dev.cloudjar.core.protocol.xml.TestModels.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestXmlCodecTest {
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private final ServiceModel model = TestModels.load("s3-like-service.json");
    private final RestXmlCodec codec = new RestXmlCodec(new Validator());

    private String operation(String method, String uri, String... headers) {
        return codec.route(model, request(method, uri, Headers.of(headers), "")).operation().name();
    }

    private Input parse(String method, String uri, String body, String... headers) {
        Request request = request(method, uri, Headers.of(headers), body);
        return codec.parse(model, codec.route(model, request), request);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /, ListBuckets",
            "PUT, /bucket, CreateBucket",
            "PUT, /bucket/, CreateBucket",
            "GET, /bucket?list-type=2, ListObjectsV2",
            "GET, /bucket?location, GetBucketLocation",
            "POST, /bucket?delete, DeleteObjects",
            "PUT, /bucket/a/b.txt, PutObject",
            "GET, /bucket/a/b.txt, GetObject",
            "GET, /bucket/a/b.txt?x-id=GetObject, GetObject",
            "GET, /bucket/a/b.txt?uploadId=u1, ListParts",
    })
    void operationsAreChosenByMethodPathAndQuery(String method, String uri, String operation) {
        assertEquals(operation, operation(method, uri));
    }

    @Test
    void aRequiredHeaderSetsCopyObjectApartFromPutObject() {
        assertEquals("CopyObject", operation("PUT", "/bucket/key", "x-amz-copy-source", "/src/key"));
    }

    @ParameterizedTest(name = "Host {0}")
    @CsvSource({
            "bucket.localhost:4566", "bucket.s3.localhost", "bucket.s3.eu-west-1.localhost",
            "bucket.s3.amazonaws.com", "bucket.s3.us-west-2.amazonaws.com", "bucket.s3-us-west-2.amazonaws.com",
            "bucket.s3.dualstack.us-east-1.amazonaws.com", "bucket.s3-accelerate.amazonaws.com"})
    void virtualHostedRequestsTakeTheBucketFromTheHost(String host) {
        Input input = parse("PUT", "/dir/key.txt", "", "Host", host);
        assertEquals("bucket", input.string("Bucket"));
        assertEquals("dir/key.txt", input.string("Key"));
        assertEquals("ListObjectsV2", operation("GET", "/?list-type=2", "Host", host));
    }

    @ParameterizedTest(name = "Host {0} -> {1}")
    @CsvSource({"my.dotted.bucket.s3.localhost, my.dotted.bucket", "s3-logs.localhost, s3-logs"})
    void bucketNamesMayLookLikeHostNames(String host, String bucket) {
        assertEquals(bucket, parse("GET", "/key", "", "Host", host).string("Bucket"));
    }

    @ParameterizedTest(name = "Host {0}")
    @CsvSource({"localhost:4566", "s3.localhost", "s3.us-east-1.amazonaws.com", "s3.dualstack.us-east-1.amazonaws.com",
            "127.0.0.1:4566"})
    void serviceHostsArePathStyle(String host) {
        assertEquals("bucket", parse("PUT", "/bucket/key", "", "Host", host).string("Bucket"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a%2Bb+c|a+b+c",
            "..%2Fx|../x",
            "a//b|a//b",
            "dir/|dir/",
            "%E2%82%AC%20euro|€ euro",
            "100%25|100%",
            "%2525|%25",
    })
    void keysArePercentDecodedExactlyOnce(String rawKey, String key) {
        assertEquals(key, parse("PUT", "/bucket/" + rawKey, "").string("Key"));
    }

    @Test
    void headersPrefixHeadersAndTheStreamingPayloadAreBound() {
        RequestBody stream = RequestBody.ofStream(new ByteArrayInputStream(new byte[]{1, 2, 3}), 3);
        Request request = new Request("PUT", "/bucket/key", Headers.of("Content-Type", "text/plain",
                "Content-Length", "3", "Expires", "Wed, 21 Oct 2015 07:28:00 GMT",
                "x-amz-meta-Color", "blue", "X-Amz-Meta-size", "L"), stream);
        Input input = codec.parse(model, codec.route(model, request), request);
        assertEquals("text/plain", input.string("ContentType"));
        assertEquals(3L, input.get("ContentLength"));
        assertEquals(Instant.parse("2015-10-21T07:28:00Z"), input.timestamp("Expires"));
        assertEquals(Map.of("Color", "blue", "size", "L"), input.map("Metadata"));
        assertSame(stream, input.stream("Body"));
    }

    @Test
    void queryParametersAreTyped() {
        Input input = parse("GET", "/bucket?list-type=2&prefix=a%2Fb&max-keys=10", "");
        assertEquals("a/b", input.string("Prefix"));
        assertEquals(10, input.get("MaxKeys"));
    }

    @Test
    void aQueryValueOfTheWrongTypeIsAnInvalidArgument() {
        AwsException e = assertThrows(AwsException.class, () -> parse("GET", "/bucket?list-type=2&max-keys=ten", ""));
        assertEquals("InvalidArgument", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void structurePayloadsAreReadFromXml() {
        Input input = parse("POST", "/bucket?delete", "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>v1</VersionId></Object>"
                + "<Quiet>true</Quiet></Delete>");
        assertEquals(Map.of("Objects", List.of(Map.of("Key", "a"), Map.of("Key", "b", "VersionId", "v1")),
                "Quiet", true), input.map("Delete"));
    }

    @Test
    void anAbsentOptionalPayloadIsLeftOut() {
        assertEquals(Map.of("Bucket", "bucket"), parse("PUT", "/bucket", "").members());
    }

    @Test
    void malformedXmlIsRefusedWithS3sMessage() {
        AwsException e = assertThrows(AwsException.class, () -> parse("POST", "/bucket?delete", "<Delete><Object>"));
        assertEquals("MalformedXML", e.code());
        assertEquals(400, e.status());
        assertEquals("The XML you provided was not well-formed or did not validate against our published schema",
                e.getMessage());
    }

    @Test
    void externalEntitiesAreNeverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<CreateBucketConfiguration><LocationConstraint>&xxe;</LocationConstraint></CreateBucketConfiguration>";
        AwsException e = assertThrows(AwsException.class, () -> parse("PUT", "/bucket", xxe));
        assertEquals("MalformedXML", e.code());
    }

    @Test
    void entityExpansionBombsAreRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<CreateBucketConfiguration><LocationConstraint>&b;</LocationConstraint></CreateBucketConfiguration>";
        assertThrows(AwsException.class, () -> parse("PUT", "/bucket", bomb));
    }

    @Test
    void bodyMembersAreWrittenUnderTheOutputsXmlName() {
        Output output = new Output()
                .put("IsTruncated", false)
                .put("Contents", List.of(Map.of("Key", "a&b", "LastModified", Instant.parse("2009-10-12T17:50:30Z"),
                        "Size", 5L)))
                .put("Name", "bucket");
        Response response = codec.write(model, model.operation("ListObjectsV2"), output, "req-1");
        assertEquals(200, response.status());
        assertEquals("application/xml", response.headers().first("Content-Type"));
        assertEquals("req-1", response.headers().first("x-amz-request-id"));
        assertNotNull(response.headers().first("x-amz-id-2"));
        assertEquals(XML_DECLARATION + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<IsTruncated>false</IsTruncated>"
                + "<Contents><Key>a&amp;b</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><Size>5</Size></Contents>"
                + "<Name>bucket</Name></ListBucketResult>", body(response));
    }

    @Test
    void listsAreWrappedAndItemsNamedByTheirXmlName() {
        Output output = new Output().put("Buckets", List.of(Map.of("Name", "b1"), Map.of("Name", "b2")));
        assertEquals(XML_DECLARATION + "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Buckets><Bucket><Name>b1</Name></Bucket><Bucket><Name>b2</Name></Bucket></Buckets>"
                        + "</ListAllMyBucketsResult>",
                body(codec.write(model, model.operation("ListBuckets"), output, "r")));
    }

    @Test
    void aStreamingPayloadIsSentAsItIsWithHeadersAndStatus() {
        ResponseBody content = new ResponseBody.Stream(new ByteArrayInputStream(new byte[5]), 5);
        Output output = new Output().put("Body", content).put("ContentType", "text/plain")
                .put("LastModified", Instant.parse("2015-10-21T07:28:00Z"))
                .put("Metadata", Map.of("color", "blue")).put("Status", 206);
        Response response = codec.write(model, model.operation("GetObject"), output, "r");
        assertEquals(206, response.status());
        assertSame(content, response.body());
        assertEquals("5", response.headers().first("Content-Length"));
        assertEquals("text/plain", response.headers().first("Content-Type"));
        assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", response.headers().first("Last-Modified"));
        assertEquals("blue", response.headers().first("x-amz-meta-color"));
    }

    @Test
    void headerOnlyOutputsHaveNoBody() {
        Response response = codec.write(model, model.operation("PutObject"), Output.of("ETag", "\"abc\""), "r");
        assertEquals("\"abc\"", response.headers().first("ETag"));
        assertEquals(0, response.body().length());
    }

    @Test
    void aStructurePayloadIsTheDocument() {
        Output output = Output.of("CopyObjectResult", Map.of("ETag", "\"e\""));
        assertEquals(XML_DECLARATION + "<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<ETag>\"e\"</ETag></CopyObjectResult>", body(codec.write(model, model.operation("CopyObject"), output, "r")));
    }

    @Test
    void getBucketLocationIsABareLocationConstraint() {
        Output output = Output.of("LocationConstraint", "eu-west-1");
        assertEquals(XML_DECLARATION + "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "eu-west-1</LocationConstraint>", body(codec.write(model, model.operation("GetBucketLocation"), output, "r")));
    }

    @Test
    void s3ErrorsAreUnwrappedWithTheirExtraMembers() {
        AwsException error = new AwsException("NoSuchBucket", 404, "The specified bucket does not exist")
                .with("BucketName", "missing");
        Response response = codec.writeError(model, model.operation("ListObjectsV2"), error, "req-9");
        assertEquals(404, response.status());
        assertEquals("req-9", response.headers().first("x-amz-request-id"));
        String body = body(response);
        assertTrue(body.startsWith(XML_DECLARATION + "<Error><Code>NoSuchBucket</Code>"
                + "<Message>The specified bucket does not exist</Message><BucketName>missing</BucketName>"
                + "<RequestId>req-9</RequestId><HostId>"), body);
    }

    @Test
    void aMethodTheResourceDoesNotSupportIsMethodNotAllowed() {
        AwsException e = assertThrows(AwsException.class, () -> operation("PATCH", "/bucket"));
        assertEquals("MethodNotAllowed", e.code());
        assertEquals(405, e.status());
    }

    @Test
    void otherRestXmlServicesWrapErrorsInErrorResponse() {
        ServiceModel wrapped = TestModels.load("rest-xml-service.json");
        Response response = codec.writeError(wrapped, null, AwsException.client("InvalidInput", "bad"), "r");
        assertEquals(XML_DECLARATION + "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidInput</Code>"
                + "<Message>bad</Message></Error><RequestId>r</RequestId></ErrorResponse>", body(response));
        assertEquals("r", response.headers().first("x-amzn-RequestId"));
    }

    @Test
    void otherRestXmlServicesValidateInputAgainstTheModel() {
        ServiceModel zones = TestModels.load("rest-xml-service.json");
        Request request = request("GET", "/2013-04-01/zone/" + "z".repeat(33), new Headers(), "");
        AwsException e = assertThrows(AwsException.class,
                () -> codec.parse(zones, codec.route(zones, request), request));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("1 validation error detected: "), e.getMessage());
    }
}
