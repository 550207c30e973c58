package dev.cloudjar.apigateway.execute;

import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Lambda proxy output format (API Gateway developer guide, "Output format of a Lambda function for proxy integration"). */
class LambdaProxyTest {
    private static Response answer(String json) {
        return LambdaProxy.response(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Response response) {
        return new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void headersAndMultiValueHeadersAreMergedWithAPairInBothSentOnce() {
        Response response = answer("{\"statusCode\":200,\"headers\":{\"X\":\"1\",\"Y\":\"y\"},"
                + "\"multiValueHeaders\":{\"X\":[\"1\",\"2\"]},\"body\":\"ok\"}");
        assertEquals(200, response.status());
        assertEquals(List.of("1", "2"), response.headers().all("X"));
        assertEquals("y", response.headers().first("Y"));
        assertEquals("ok", body(response));
    }

    @Test
    void aBase64BodyIsDecoded() {
        assertEquals("hi", body(answer("{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}")));
    }

    @Test
    void answersOutsideTheContractAre502() {
        for (String bad : List.of("[]", "\"text\"", "{\"body\":\"no status\"}", "{\"statusCode\":200,\"body\":{}}",
                "{\"statusCode\":200,\"other\":1}", "{\"statusCode\":200,\"multiValueHeaders\":{\"X\":\"1\"}}", "not json")) {
            Response response = answer(bad);
            assertEquals(502, response.status(), bad);
            assertEquals("{\"message\":\"Internal server error\"}", body(response), bad);
        }
    }

    @Test
    void theFunctionArnIsTakenFromTheIntegrationUri() {
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:fn:live", LambdaProxy.functionArn(
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fn:live/invocations"));
    }
}
