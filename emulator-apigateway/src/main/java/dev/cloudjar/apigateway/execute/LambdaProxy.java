package dev.cloudjar.apigateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.apigateway.store.StageRecord;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.spi.AwsCalls;
import dev.cloudjar.core.spi.CallContext;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The AWS_PROXY integration with Lambda: the request becomes the proxy event of payload format
 * 1.0 (API Gateway's "Input format of a Lambda function for proxy integration"), the function is
 * invoked synchronously with Lambda's own Invoke through core's internal calls, and its answer
 * {@code {statusCode, headers, multiValueHeaders, body, isBase64Encoded}} becomes the HTTP
 * response. An answer of any other shape, or a function error, is API Gateway's 502
 * {"message": "Internal server error"}.
 */
public final class LambdaProxy {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> RESPONSE_MEMBERS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
            "isBase64Encoded");
    /** The principal Lambda sees for API Gateway's invocations. */
    private static final String SERVICE_PRINCIPAL = "apigateway.amazonaws.com";

    /** One served request on its way to a function. */
    record Call(Scope scope, ExecuteApi.Target target, StageRecord stage, Routes.Match match, Request request,
                String requestId) {
    }

    private final AwsCalls calls;
    private final Clock clock;

    public LambdaProxy(AwsCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    Response answer(Call call) {
        String functionArn = functionArn(call.match().method().integration().uri());
        if (functionArn == null) {
            return ExecuteApi.internalServerError();
        }
        String sourceArn = "arn:aws:execute-api:" + call.scope().region() + ":" + call.scope().accountId() + ":"
                + call.target().apiId() + "/" + call.stage().stageName() + "/" + call.request().method()
                + call.match().resource().path();
        Output output;
        try {
            output = calls.call(CallContext.service(SERVICE_PRINCIPAL, call.scope(), sourceArn, call.scope().accountId()),
                    "lambda", "Invoke", new Input(Map.of("FunctionName", functionArn, "Payload", event(call))));
        } catch (AwsException e) {
            return ExecuteApi.internalServerError();
        }
        if (output.members().get("FunctionError") != null || !(output.members().get("Payload") instanceof byte[] payload)) {
            return badGateway();
        }
        return response(payload);
    }

    /** The function's ARN in an integration URI: {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations}. */
    static String functionArn(String uri) {
        int from = uri == null ? -1 : uri.indexOf("/functions/");
        int to = uri == null ? -1 : uri.lastIndexOf("/invocations");
        return from < 0 || to < from ? null : uri.substring(from + "/functions/".length(), to);
    }

    byte[] event(Call call) {
        Request request = call.request();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", call.match().resource().path());
        event.put("path", call.target().path());
        event.put("httpMethod", request.method());
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        for (String name : request.headers().names()) {
            List<String> values = request.headers().all(name);
            headers.put(name, values.get(values.size() - 1));
            multiValueHeaders.put(name, values);
        }
        event.put("headers", headers.isEmpty() ? null : headers);
        event.put("multiValueHeaders", multiValueHeaders.isEmpty() ? null : multiValueHeaders);
        Map<String, List<String>> query = request.queryParameters();
        Map<String, String> lastValues = new LinkedHashMap<>();
        query.forEach((name, values) -> lastValues.put(name, values.get(values.size() - 1)));
        event.put("queryStringParameters", query.isEmpty() ? null : lastValues);
        event.put("multiValueQueryStringParameters", query.isEmpty() ? null : query);
        Map<String, String> pathParameters = call.match().pathParameters();
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        Map<String, String> variables = call.stage().variables();
        event.put("stageVariables", variables == null || variables.isEmpty() ? null : variables);
        event.put("requestContext", requestContext(call));
        byte[] body = request.body() == null ? new byte[0] : request.body().bytes();
        String text = body.length == 0 ? null : utf8(body);
        boolean base64 = body.length > 0 && text == null;
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : text);
        event.put("isBase64Encoded", base64);
        return RecordJson.write(event);
    }

    private Map<String, Object> requestContext(Call call) {
        Instant now = clock.instant();
        Request request = call.request();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("cognitoIdentityPoolId", null);
        identity.put("accountId", null);
        identity.put("cognitoIdentityId", null);
        identity.put("caller", null);
        String forwarded = request.header("X-Forwarded-For");
        identity.put("sourceIp", forwarded != null ? forwarded.split(",")[0].trim() : "127.0.0.1");
        identity.put("principalOrgId", null);
        identity.put("accessKey", null);
        identity.put("cognitoAuthenticationType", null);
        identity.put("cognitoAuthenticationProvider", null);
        identity.put("userArn", null);
        identity.put("userAgent", request.header("User-Agent"));
        identity.put("user", null);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourceId", call.match().resource().id());
        context.put("resourcePath", call.match().resource().path());
        context.put("httpMethod", request.method());
        context.put("extendedRequestId", call.requestId());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("path", "/" + call.stage().stageName() + call.target().path());
        context.put("accountId", call.scope().accountId());
        context.put("protocol", "HTTP/1.1");
        context.put("stage", call.stage().stageName());
        context.put("domainPrefix", call.target().apiId());
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("requestId", call.requestId());
        context.put("identity", identity);
        context.put("domainName", call.target().host());
        context.put("apiId", call.target().apiId());
        return context;
    }

    /** The HTTP response a function's proxy answer describes, or 502 for one that does not follow the contract. */
    static Response response(byte[] payload) {
        JsonNode answer;
        try {
            answer = RecordJson.mapper().readTree(payload);
        } catch (IOException e) {
            return badGateway();
        }
        if (answer == null || !answer.isObject()) {
            return badGateway();
        }
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            if (!RESPONSE_MEMBERS.contains(names.next())) {
                return badGateway();
            }
        }
        JsonNode status = answer.get("statusCode");
        JsonNode body = answer.get("body");
        JsonNode base64 = answer.get("isBase64Encoded");
        JsonNode single = answer.get("headers");
        JsonNode multi = answer.get("multiValueHeaders");
        if (status == null || !(status.canConvertToInt() && status.isIntegralNumber()
                || status.isTextual() && status.asText().matches("\\d{3}"))
                || body != null && !body.isNull() && !body.isTextual()
                || base64 != null && !base64.isNull() && !base64.isBoolean()
                || single != null && !single.isNull() && !single.isObject()
                || multi != null && !multi.isNull() && !multi.isObject()) {
            return badGateway();
        }
        Headers headers = new Headers();
        if (multi != null && multi.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                if (!header.getValue().isArray()) {
                    return badGateway();
                }
                header.getValue().forEach(v -> headers.add(header.getKey(), v.asText()));
            }
        }
        if (single != null && single.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                if (!header.getValue().isValueNode()) {
                    return badGateway();
                }
                // Both maps are merged into one list per header; a pair in both is sent once (the proxy output format's note).
                if (!headers.all(header.getKey()).contains(header.getValue().asText())) {
                    headers.add(header.getKey(), header.getValue().asText());
                }
            }
        }
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", "application/json");
        }
        byte[] bytes = new byte[0];
        if (body != null && body.isTextual()) {
            try {
                bytes = base64 != null && base64.asBoolean()
                        ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return badGateway();
            }
        }
        return new Response(status.asInt(), headers, ResponseBody.of(bytes));
    }

    /** API Gateway's answer when the function fails or answers outside the proxy contract. */
    static Response badGateway() {
        Response response = ExecuteApi.message(502, "Internal server error");
        response.headers().set("x-amzn-ErrorType", "InternalServerErrorException");
        return response;
    }

    /** The body as text when it is valid UTF-8, else null (then it goes base64-encoded). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
