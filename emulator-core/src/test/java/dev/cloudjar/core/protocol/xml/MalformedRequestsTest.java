package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.protocol.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A thousand random, mostly malformed requests per protocol: every one ends as an Input or as a
 * 4xx AwsException, never as another exception, and every error is written in the protocol's
 * error shape. The seed is fixed, so a failure names a request that can be replayed.
 */
class MalformedRequestsTest {
    private static final int REQUESTS = 1000;
    private static final List<String> NASTY = List.of("", "abc", "-1", "1e400", "99999999999999999999", "NaN",
            "true", "maybe", "%", "%zz", "%E2%82", "%00", "+", "a+b", "..", "../x", "a//b", "€", "\uD83D\uDE00",
            "2015-01-25T08:00:00Z", "Wed, 21 Oct 2015 07:28:00 GMT", "1422172800.5", "dmFsdWU=", "!!!",
            "x".repeat(3000));
    private static final List<String> XML_BODIES = List.of(
            "", " ", "<", "<Delete>", "<Delete></Wrong>", "<Delete><Object><Key>a</Key></Object></Delete>",
            "<Delete><Quiet>maybe</Quiet></Delete>", "<Delete><Object>text<Key/></Object></Delete>",
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete>&x;</Delete>",
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aa\"><!ENTITY b \"&a;&a;\">]><Delete>&b;</Delete>",
            "<Delete>" + "<Object>".repeat(200) + "</Object>".repeat(200) + "</Delete>",
            "<CreateBucketConfiguration><LocationConstraint>nowhere</LocationConstraint></CreateBucketConfiguration>",
            "<a/><b/>", "not xml at all", "<Delete xmlns:x=\"urn:x\"><x:Object/></Delete>", "\u0000\u0001");
    private static final List<String> QUERY_KEYS = List.of("Name", "Count", "Size", "Ratio", "Enabled", "Since",
            "Until", "Data", "Tags.member.1.Key", "Tags.member.0.Key", "Tags.member.x", "Tags.member.99999999999.Key",
            "Tags", "Id.1", "Id.-1", "Attributes.entry.1.value", "Attributes.entry.1.key", "Attributes.entry",
            "Label.1.Values.member.1", "Label.1.Name", "Filter.Prefix", "Filter.Inner.Inner.Inner.Prefix", "Filter",
            "Version", "Action", "Unknown.Param", "");

    private final Random random = new Random(20261127L);

    @Test
    void awsQueryAnswersEveryMalformedRequestWithAnInputOrASenderError() {
        ServiceModel model = TestModels.load("query-service.json");
        run(new AwsQueryCodec(new Validator()), model, this::queryRequest, body -> {
            XmlElement root = parse(body);
            assertEquals("ErrorResponse", root.name());
            assertEquals("Sender", root.child("Error").child("Type").text());
            assertNotNull(root.child("Error").child("Code"));
            assertNotNull(root.child("RequestId"));
        });
    }

    @Test
    void restXmlAnswersEveryMalformedRequestWithAnInputOrAnS3Error() {
        ServiceModel model = TestModels.load("s3-like-service.json");
        run(new RestXmlCodec(new Validator()), model, this::restRequest, body -> {
            XmlElement root = parse(body);
            assertEquals("Error", root.name());
            assertNotNull(root.child("Code"));
            assertNotNull(root.child("RequestId"));
            assertNotNull(root.child("HostId"));
        });
    }

    private void run(ProtocolCodec codec, ServiceModel model, Function<Integer, Request> requests,
                     Consumer<String> errorShape) {
        int parsed = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Request request = requests.apply(i);
            OperationModel operation = null;
            try {
                OperationRoute route = codec.route(model, request);
                operation = route.operation();
                assertNotNull(codec.parse(model, route, request));
                parsed++;
            } catch (AwsException e) {
                assertTrue(e.status() >= 400 && e.status() < 500, () -> "request " + request + ": " + e.status());
                Response response = codec.writeError(model, operation, e, "req-" + i);
                assertEquals(e.status(), response.status());
                errorShape.accept(new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8));
            } catch (RuntimeException | StackOverflowError e) {
                fail("request " + i + " " + request + " failed with " + e, e);
            }
        }
        // Both outcomes must occur, or the generator is not exercising the codec.
        assertTrue(parsed > 0 && parsed < REQUESTS, "parsed " + parsed + " of " + REQUESTS);
    }

    private Request queryRequest(int i) {
        StringBuilder body = new StringBuilder();
        if (random.nextInt(10) > 0) {
            body.append("Action=").append(pick(List.of("DescribeThings", "DescribeThings", "Ping", "Nope", "", "%zz")));
        }
        int params = random.nextInt(8);
        for (int p = 0; p < params; p++) {
            body.append(random.nextBoolean() ? "&" : pick(List.of("&&", "&=", "=&")));
            body.append(pick(QUERY_KEYS)).append(random.nextInt(5) == 0 ? "" : "=" + pick(NASTY));
        }
        if (random.nextInt(4) > 0) {
            body.append("&Name=n");
        }
        Headers headers = Headers.of("Content-Type",
                pick(List.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
                        "text/plain", "application/json")));
        if (random.nextInt(20) == 0) {
            headers.add("Content-Encoding", "gzip");
        }
        byte[] bytes = random.nextInt(30) == 0 ? randomBytes() : body.toString().getBytes(StandardCharsets.UTF_8);
        return new Request(random.nextInt(10) == 0 ? "GET" : "POST", "/", headers, RequestBody.of(bytes));
    }

    private Request restRequest(int i) {
        String method = pick(List.of("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"));
        String path = pick(List.of("/", "/bucket", "/bucket/", "/bucket/" + pick(NASTY), "/bucket/a/" + pick(NASTY),
                "//", "/%zz/key", "/bucket/key%"));
        StringBuilder query = new StringBuilder();
        int params = random.nextInt(4);
        for (int p = 0; p < params; p++) {
            query.append(p == 0 ? "?" : "&").append(pick(List.of("list-type", "prefix", "max-keys", "uploadId",
                    "delete", "location", "x-id", "partNumber", "%zz"))).append(random.nextBoolean() ? "=" + pick(NASTY) : "");
        }
        Headers headers = new Headers();
        int headerCount = random.nextInt(4);
        for (int h = 0; h < headerCount; h++) {
            headers.add(pick(List.of("Content-Length", "Expires", "If-Modified-Since", "x-amz-copy-source",
                    "x-amz-meta-" + pick(NASTY), "Content-Encoding", "Range")), pick(NASTY));
        }
        if (random.nextInt(3) == 0) {
            headers.set("Host", pick(List.of("bucket.localhost", "s3.localhost", "b.s3.eu-west-1.amazonaws.com",
                    "localhost:4566", "", "..localhost")));
        }
        byte[] body = random.nextInt(20) == 0 ? randomBytes() : pick(XML_BODIES).getBytes(StandardCharsets.UTF_8);
        return new Request(method, path.replace(" ", "%20") + query, headers, RequestBody.of(body));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static XmlElement parse(String body) {
        try {
            return new XmlParser().parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (XmlParser.MalformedXmlException e) {
            throw new AssertionError("error body is not XML: " + body, e);
        }
    }
}
