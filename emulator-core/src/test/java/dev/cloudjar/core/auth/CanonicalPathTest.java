package dev.cloudjar.core.auth;

import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import static dev.cloudjar.core.auth.SdkSigning.CREDENTIALS;
import static dev.cloudjar.core.auth.SdkSigning.SIGNED_AT;
import static dev.cloudjar.core.auth.SdkSigning.http;
import static dev.cloudjar.core.auth.SdkSigning.received;
import static dev.cloudjar.core.auth.SdkSigning.signV4;
import static dev.cloudjar.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Paths are signed as S3 and the other services sign them: raw for S3, normalised and encoded twice elsewhere. */
class CanonicalPathTest {
    private final SigV4Verifier verifier = verifierAt(SIGNED_AT);

    @ParameterizedTest
    @ValueSource(strings = {"my file.txt", "ünïcödé/файл.txt", "a+b=c", "literal%2Fslash", "double//slash",
            "folder/", "./dot/../segments", "sub-delims!$&'()*,;=:@", "tilde~and_underscore.-"})
    void s3ObjectKeyIsVerifiedAgainstThePathAsSent(String key) {
        String path = "/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        SignedRequest signed = signV4(http(SdkHttpMethod.GET, "localhost", path)
                .putHeader("x-amz-content-sha256", "required").build(), null, "s3", CREDENTIALS, SdkSigning::s3);

        assertFalse(verifier.verify(received(signed, false), Protocol.REST_XML).anonymous());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/2015-03-31/functions/my%20function/invocations", "/2015-03-31/functions/a%2Fb/policy",
            "/prefix//double/./dot/../invocations", "/trailing/", "/%E2%82%AC/euro", ""})
    void otherServicesAreVerifiedAgainstTheNormalisedDoubleEncodedPath(String path) {
        SignedRequest signed = signV4(http(SdkHttpMethod.GET, "lambda.local", path)
                .putRawQueryParameter("Qualifier", "$LATEST").putRawQueryParameter("empty", (String) null)
                .build(), null, "lambda");

        assertFalse(verifier.verify(received(signed, false), Protocol.REST_JSON_1).anonymous());
    }
}
