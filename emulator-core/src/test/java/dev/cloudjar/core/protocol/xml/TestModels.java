package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.model.ServiceModel;

import java.nio.charset.StandardCharsets;

/** The small hand-written models the codec tests run against, and request/response helpers. */
final class TestModels {
    private TestModels() {
    }

    static ServiceModel load(String name) {
        return ServiceModel.loadResource(TestModels.class.getClassLoader(), "dev/cloudjar/core/protocol/xml/" + name);
    }

    static Request form(String body) {
        return new Request("POST", "/", Headers.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Request request(String method, String uri, Headers headers, String body) {
        return new Request(method, uri, headers, RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String body(Response response) {
        return new String(((ResponseBody.Bytes) response.body()).bytes(), StandardCharsets.UTF_8);
    }
}
