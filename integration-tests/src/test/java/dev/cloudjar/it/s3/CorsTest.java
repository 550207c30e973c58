package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.fixtures.Clients.s3Presigner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser CORS answered from the bucket's configuration: preflight OPTIONS and headers on real requests. */
@Cloudjar
class CorsTest {
    static final String BUCKET = "browser-app";
    static final String OTHER = "no-cors";
    static S3Client s3;
    static URI endpoint;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void configure(URI uri) {
        endpoint = uri;
        s3 = s3(uri);
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.createBucket(b -> b.bucket(OTHER));
        s3.putBucketCors(b -> b.bucket(BUCKET).corsConfiguration(c -> c.corsRules(
                r -> r.allowedOrigins("https://app.example.com").allowedMethods("GET", "PUT")
                        .allowedHeaders("content-type", "x-amz-*").exposeHeaders("ETag", "x-amz-version-id")
                        .maxAgeSeconds(600),
                r -> r.allowedOrigins("*").allowedMethods("GET"))));
        s3.putObject(b -> b.bucket(BUCKET).key("index.html"), RequestBody.fromString("<html/>"));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (method != null) {
            request.header("Access-Control-Request-Method", method);
        }
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aPreflightAllowedByARuleIsAnsweredWithTheRulesHeaders() throws Exception {
        HttpResponse<String> response = preflight("/" + BUCKET + "/index.html", "https://app.example.com", "PUT",
                "Content-Type, X-Amz-Date");
        assertEquals(200, response.statusCode());
        assertEquals("https://app.example.com", header(response, "Access-Control-Allow-Origin"));
        assertEquals("GET, PUT", header(response, "Access-Control-Allow-Methods"));
        assertEquals("Content-Type, X-Amz-Date", header(response, "Access-Control-Allow-Headers"));
        assertEquals("ETag, x-amz-version-id", header(response, "Access-Control-Expose-Headers"));
        assertEquals("600", header(response, "Access-Control-Max-Age"));
        assertEquals("true", header(response, "Access-Control-Allow-Credentials"));
        assertTrue(header(response, "Vary").startsWith("Origin"));
    }

    @Test
    void aWildcardOriginRuleAnswersAnyOriginWithAStar() throws Exception {
        HttpResponse<String> response = preflight("/" + BUCKET, "https://elsewhere.example", "GET", null);
        assertEquals(200, response.statusCode());
        assertEquals("*", header(response, "Access-Control-Allow-Origin"));
        assertNull(header(response, "Access-Control-Allow-Credentials"));
    }

    @Test
    void aPreflightNoRuleAllowsIsRefusedWithCorsResponse() throws Exception {
        HttpResponse<String> method = preflight("/" + BUCKET + "/index.html", "https://elsewhere.example", "PUT", null);
        assertEquals(403, method.statusCode());
        assertTrue(method.body().contains("<Code>CORSResponse</Code>"));
        assertTrue(method.body().contains("This CORS request is not allowed"));
        HttpResponse<String> header = preflight("/" + BUCKET + "/index.html", "https://app.example.com", "PUT",
                "authorization-extra");
        assertEquals(403, header.statusCode());
    }

    @Test
    void aBucketWithoutCorsRefusesPreflights() throws Exception {
        HttpResponse<String> response = preflight("/" + OTHER + "/x", "https://app.example.com", "GET", null);
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("CORS is not enabled for this bucket."));
    }

    @Test
    void aPreflightWithoutOriginIsABadRequest() throws Exception {
        HttpResponse<String> response = preflight("/" + BUCKET + "/index.html", null, "GET", null);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>BadRequest</Code>"));
    }

    /** A browser fetches a presigned URL (its signature covers only the host) and sends its Origin. */
    HttpResponse<String> fromBrowser(String method, String key, String origin) throws Exception {
        try (S3Presigner presigner = s3Presigner(endpoint)) {
            URI url = (method.equals("GET")
                    ? presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket(BUCKET).key(key))).url()
                    : presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .putObjectRequest(g -> g.bucket(BUCKET).key(key))).url()).toURI();
            return http.send(HttpRequest.newBuilder(url).header("Origin", origin)
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void requestsFromAnAllowedOriginCarryCorsHeaders() throws Exception {
        HttpResponse<String> allowed = fromBrowser("GET", "index.html", "https://app.example.com");
        assertEquals(200, allowed.statusCode());
        assertEquals("https://app.example.com", header(allowed, "Access-Control-Allow-Origin"));
        assertEquals("ETag, x-amz-version-id", header(allowed, "Access-Control-Expose-Headers"));
        assertTrue(header(allowed, "Vary").contains("Origin"));

        HttpResponse<String> put = fromBrowser("PUT", "upload", "https://elsewhere.example");
        assertEquals(200, put.statusCode());
        assertNull(header(put, "Access-Control-Allow-Origin"));

        SdkHttpResponse withoutOrigin = s3.headObject(b -> b.bucket(BUCKET).key("index.html")).sdkHttpResponse();
        assertEquals(Optional.empty(), withoutOrigin.firstMatchingHeader("Access-Control-Allow-Origin"));
    }
}
