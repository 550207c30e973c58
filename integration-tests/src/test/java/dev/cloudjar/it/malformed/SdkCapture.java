package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Clients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Marshals requests with the unmodified AWS SDK and keeps them instead of sending them: the
 * generator's seeds are exactly what a client sends for each operation. Capture happens before
 * the SDK signs; the generator signs each mutated copy itself.
 */
final class SdkCapture implements ExecutionInterceptor {
    /**
     * Headers of one SDK invocation rather than of the request's meaning, and those the generator
     * computes again for each mutated copy (signature, payload hash, checksums, length).
     */
    private static final Set<String> DROPPED = Set.of("amz-sdk-invocation-id", "amz-sdk-request", "user-agent",
            "x-amz-user-agent", "authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token",
            "content-length", "host", "content-md5", "x-amz-sdk-checksum-algorithm");

    /** Ends the SDK's call once the request is marshalled. */
    private static final class Captured extends RuntimeException {
        Captured() {
            super("captured", null, false, false);
        }
    }

    private final URI endpoint;
    private Protocol protocol;
    private String signingName;
    private Seed captured;

    SdkCapture(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A client of the service whose calls are captured, never sent. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        builder.overrideConfiguration(o -> o.addExecutionInterceptor(this).retryStrategy(AwsRetryStrategy.doNotRetry()));
        return Clients.client(builder, endpoint, AwsBasicCredentials.create("test", "test"));
    }

    /** The request each call marshals, in order. */
    @SafeVarargs
    final <C> List<Seed> capture(C client, Protocol protocol, String signingName, Consumer<C>... calls) {
        this.protocol = protocol;
        this.signingName = signingName;
        List<Seed> seeds = new ArrayList<>();
        for (Consumer<C> call : calls) {
            captured = null;
            try {
                call.accept(client);
            } catch (Captured | software.amazon.awssdk.core.exception.SdkClientException e) {
                // expected: the call ends once marshalled
            }
            if (captured == null) {
                throw new IllegalStateException("a " + signingName + " call marshalled nothing");
            }
            seeds.add(captured);
        }
        return seeds;
    }

    /** Captured as it would be sent, once endpoint rules have put the bucket in the path, then stripped of what signing added. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        List<Draft.Pair> query = new ArrayList<>();
        request.rawQueryParameters().forEach((name, values) -> values.forEach(v -> query.add(new Draft.Pair(name, v))));
        List<Draft.Pair> headers = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(lower) && !lower.startsWith("x-amz-checksum-")) {
                values.forEach(v -> headers.add(new Draft.Pair(name, v)));
            }
        });
        // The query protocol's form is moved into the body after the request body was set, so the full request carries it.
        byte[] body = request instanceof SdkHttpFullRequest full && full.contentStreamProvider().isPresent()
                ? read(full.contentStreamProvider().get())
                : context.requestBody().map(b -> read(b.contentStreamProvider())).orElse(new byte[0]);
        captured = new Seed(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), protocol, signingName,
                request.method().name(), request.encodedPath(), query, headers, body);
        throw new Captured();
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
