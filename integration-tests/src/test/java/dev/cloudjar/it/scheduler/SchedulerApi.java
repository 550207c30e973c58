package dev.cloudjar.it.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EventBridge Scheduler's restJson1 API as the SDK sends it (SigV4 with signing name
 * {@code scheduler}, JSON bodies, members in the path and query): the AWS SDK v2 client
 * {@code software.amazon.awssdk:scheduler} is not in the offline repository, so the tests sign
 * with the SDK's own signer instead. boto3's scheduler client covers the same flow in
 * {@code SchedulerBoto3Test}.
 */
final class SchedulerApi {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::000000000000:role/scheduler-role";

    /** An answer: the status, X-Amzn-Errortype (null on success) and the JSON body. */
    record Reply(int status, String errorType, JsonNode body) {
        String message() {
            return body.path("Message").asText(null);
        }
    }

    private final URI endpoint;

    SchedulerApi(URI endpoint) {
        this.endpoint = endpoint;
    }

    Reply call(SdkHttpMethod method, String path, Map<String, String> query, JsonNode body) {
        SdkHttpRequest.Builder request = Signer.request(endpoint, method, path);
        query.forEach(request::putRawQueryParameter);
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        Signer.Signed signed = Signer.sign(request.build(), bytes, "test", "test", "scheduler");
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send(signed.wire()).read();
            String text = reply.text();
            JsonNode json = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
            return new Reply(reply.status(), header(reply, "X-Amzn-Errortype"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(RawHttp.Reply reply, String name) {
        return reply.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The call's JSON answer, which must be a success. */
    JsonNode ok(SdkHttpMethod method, String path, Map<String, String> query, JsonNode body) {
        Reply reply = call(method, path, query, body);
        assertEquals(200, reply.status(), () -> method + " " + path + ": " + reply);
        return reply.body();
    }

    static String label(String value) {
        return SdkHttpUtils.urlEncode(value);
    }

    Reply createSchedule(String name, JsonNode definition) {
        return call(SdkHttpMethod.POST, "/schedules/" + label(name), Map.of(), definition);
    }

    Reply updateSchedule(String name, JsonNode definition) {
        return call(SdkHttpMethod.PUT, "/schedules/" + label(name), Map.of(), definition);
    }

    Reply getSchedule(String name, String group) {
        return call(SdkHttpMethod.GET, "/schedules/" + label(name), group == null ? Map.of() : Map.of("groupName", group), null);
    }

    Reply deleteSchedule(String name, String group) {
        return call(SdkHttpMethod.DELETE, "/schedules/" + label(name), group == null ? Map.of() : Map.of("groupName", group), null);
    }

    Reply createGroup(String name, JsonNode body) {
        return call(SdkHttpMethod.POST, "/schedule-groups/" + label(name), Map.of(), body == null ? JSON.createObjectNode() : body);
    }

    /** A definition: expression, a target with the test role, FlexibleTimeWindow OFF. */
    static ObjectNode definition(String expression, String targetArn) {
        ObjectNode d = JSON.createObjectNode();
        d.put("ScheduleExpression", expression);
        d.putObject("FlexibleTimeWindow").put("Mode", "OFF");
        d.putObject("Target").put("Arn", targetArn).put("RoleArn", ROLE);
        return d;
    }

    /** {@code POST /_cloudjar/schedules/fire}: runs the schedule's pending occurrence now; the status. */
    int fire(String scheduleArn) {
        String body = JSON.createObjectNode().put("arn", scheduleArn).toString();
        String request = "POST /_cloudjar/schedules/fire HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
        try (RawHttp http = new RawHttp(endpoint)) {
            return http.send(request).read().status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
