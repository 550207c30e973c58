package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** S3's Signature Version 2, checked against the examples of the S3 developer guide ("johnsmith"). */
class SigV2Test {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ACCOUNT = "111122223333";
    /** Tue, 27 Mar 2007 19:36:42 +0000, the guide's request date. */
    private static final Instant SIGNED_AT = Instant.parse("2007-03-27T19:36:42Z");
    /** The guide's presigned URL expires at 1175139620 (2007-03-29T03:40:20Z). */
    private static final String PRESIGNED = "/photos/puppy.jpg?AWSAccessKeyId=" + KEY
            + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620";

    private static SigV4Verifier verifierAt(Instant now) {
        CloudjarConfig config = CloudjarConfig.builder().credential(KEY, SECRET, ACCOUNT).build();
        return new SigV4Verifier(new CredentialStore(config, Clock.fixed(now, ZoneOffset.UTC)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Request get(String uri, Headers headers) {
        return new Request("GET", uri, headers.set("Host", "johnsmith.s3.amazonaws.com"), RequestBody.EMPTY);
    }

    private static AwsException refused(Instant now, Request request) {
        return assertThrows(AwsException.class, () -> verifierAt(now).verify(request, Protocol.REST_XML));
    }

    @Test
    void theGuidesSignedHeaderRequestIsAccepted() {
        Request request = get("/photos/puppy.jpg", Headers.of("Date", "Tue, 27 Mar 2007 19:36:42 +0000",
                "Authorization", "AWS " + KEY + ":bWq2s1WEIj+Ydj0vQ697zp+IXMU="));

        AuthResult result = verifierAt(SIGNED_AT.plusSeconds(60)).verify(request, Protocol.REST_XML);

        assertFalse(result.anonymous());
        assertEquals(ACCOUNT, result.principal().accountId());
        assertEquals(KEY, result.accessKeyId());
    }

    @Test
    void theGuidesPresignedUrlIsAcceptedUntilItExpires() {
        AuthResult result = verifierAt(Instant.ofEpochSecond(1175139620)).verify(get(PRESIGNED, new Headers()),
                Protocol.REST_XML);
        assertEquals(ACCOUNT, result.principal().accountId());
    }

    @Test
    void anExpiredPresignedUrlIsRefused() {
        AwsException e = refused(Instant.ofEpochSecond(1175139621), get(PRESIGNED, new Headers()));
        assertEquals("AccessDenied", e.code());
        assertEquals(403, e.status());
        assertEquals("Request has expired", e.getMessage());
        assertEquals("2007-03-29T03:40:20Z", e.members().get("Expires"));
    }

    @Test
    void aPresignedUrlPointedAtAnotherKeyIsRefusedWithItsStringToSign() {
        AwsException e = refused(SIGNED_AT, get(PRESIGNED.replace("puppy", "kitten"), new Headers()));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals("GET\n\n\n1175139620\n/johnsmith/photos/kitten.jpg", e.members().get("StringToSign"));
    }

    @Test
    void signedSubResourcesAndAmzHeadersArePartOfTheSignature() {
        Request request = new Request("PUT", "/db-backup.dat.gz?acl&x-ignored=1",
                Headers.of("Host", "static.example.com.s3.amazonaws.com", "x-amz-date", "Tue, 27 Mar 2007 21:06:08 +0000",
                        "X-Amz-Meta-ReviewedBy", "joe@example.com", "Content-Type", "application/x-download"),
                RequestBody.EMPTY);
        String expected = "PUT\n\napplication/x-download\n\nx-amz-date:Tue, 27 Mar 2007 21:06:08 +0000\n"
                + "x-amz-meta-reviewedby:joe@example.com\n/static.example.com/db-backup.dat.gz?acl";
        assertEquals(expected, SigV2Verifier.stringToSign(request, ""));
    }

    @Test
    void anUnknownKeyIsRefused() {
        AwsException e = refused(SIGNED_AT, get(PRESIGNED.replace(KEY, "AKIDUNKNOWN"), new Headers()));
        assertEquals("InvalidAccessKeyId", e.code());
    }

    @Test
    void aSignedHeaderRequestOutside15MinutesIsRefused() {
        Request request = get("/photos/puppy.jpg", Headers.of("Date", "Tue, 27 Mar 2007 19:36:42 +0000",
                "Authorization", "AWS " + KEY + ":bWq2s1WEIj+Ydj0vQ697zp+IXMU="));
        assertEquals("RequestTimeTooSkewed", refused(SIGNED_AT.plusSeconds(16 * 60), request).code());
    }
}
