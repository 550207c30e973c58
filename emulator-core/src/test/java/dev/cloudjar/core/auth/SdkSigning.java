package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * Signs requests with the AWS SDK's own signers and hands them over as the server receives them:
 * a core {@link Request} with the raw path, query, headers and the (possibly aws-chunked) body.
 */
final class SdkSigning {
    static final Instant SIGNED_AT = Instant.parse("2024-05-01T12:00:00Z");
    static final String REGION = "eu-west-1";
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String ACCOUNT = "111122223333";
    static final AwsCredentialsIdentity CREDENTIALS = AwsCredentialsIdentity.create(ACCESS_KEY, SECRET);

    private SdkSigning() {
    }

    static CredentialStore credentialStore() {
        CloudjarConfig config = CloudjarConfig.builder().credential(ACCESS_KEY, SECRET, ACCOUNT).build();
        return new CredentialStore(config, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    }

    static SigV4Verifier verifierAt(Instant now) {
        return verifierAt(now, credentialStore());
    }

    static SigV4Verifier verifierAt(Instant now, CredentialStore store) {
        return new SigV4Verifier(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    static SdkHttpRequest.Builder http(SdkHttpMethod method, String host, String encodedPath) {
        return SdkHttpRequest.builder().method(method).protocol("http").host(host).port(4566)
                .encodedPath(encodedPath);
    }

    /** S3 signs its path as sent, without normalising or encoding it again. */
    static void s3(SignRequest.Builder<AwsCredentialsIdentity> r) {
        r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
    }

    static SignedRequest signV4(SdkHttpRequest request, byte[] body, String service, AwsCredentialsIdentity identity,
                                Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            options.accept(r);
        });
    }

    static SignedRequest signV4(SdkHttpRequest request, byte[] body, String service) {
        return signV4(request, body, service, CREDENTIALS, r -> { });
    }

    static SignedRequest signV4a(SdkHttpRequest request, byte[] body, String service,
                                 Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return AwsV4aHttpSigner.create().sign(r -> {
            r.identity(CREDENTIALS).request(request)
                    .putProperty(AwsV4aHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.create(REGION))
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            options.accept(r);
        });
    }

    /** The signed request as the server receives it, its body buffered (small protocol bodies) or streamed. */
    static Request received(SignedRequest signed, boolean streamed) {
        return received(signed, sentBody(signed), streamed);
    }

    /** The signed request with another body than the one signed, as a tampering client or proxy would send it. */
    static Request received(SignedRequest signed, byte[] body, boolean streamed) {
        SdkHttpRequest http = signed.request();
        Headers headers = new Headers();
        http.forEachHeader((name, values) -> values.forEach(value -> headers.add(name, value)));
        if (!headers.contains("Host")) {
            headers.add("Host", http.host() + ":" + http.port());
        }
        String query = http.getUri().getRawQuery();
        String uri = http.encodedPath() + (query == null ? "" : "?" + query);
        RequestBody requestBody = streamed
                ? RequestBody.ofStream(new ByteArrayInputStream(body), body.length)
                : RequestBody.of(body);
        return new Request(http.method().name(), uri, headers, requestBody);
    }

    /** The bytes the SDK puts on the wire: the payload, aws-chunked encoded where the signer chose to. */
    static byte[] sentBody(SignedRequest signed) {
        return signed.payload().map(p -> readAll(p.newStream())).orElse(new byte[0]);
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
