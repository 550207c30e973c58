package dev.cloudjar.core.auth;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Every authentication failure, answered as AWS answers it in each protocol: S3 (restXml) has its
 * own codes and members, awsJson (and rpcv2Cbor, whose services are the same Coral services)
 * answers 400, restJson1 the same codes with 403, awsQuery its own codes. Nothing else in Cloudjar
 * spells these codes.
 */
public final class AuthErrors {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String SIGNATURE_MISMATCH_JSON = "The request signature we calculated does not match the"
            + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
            + " documentation for details.";
    private static final String INVALID_CLIENT_TOKEN = "The security token included in the request is invalid.";
    private static final String EXPIRED_TOKEN_JSON = "The security token included in the request is expired";

    private AuthErrors() {
    }

    /** One protocol's answer: code, HTTP status, message. */
    private record Answer(String code, int status, String message) {
    }

    /**
     * Picks the answer for the protocol. restJson1 services share awsJson's codes and messages
     * but answer authentication failures with 403 rather than 400.
     */
    private static AwsException answer(Protocol protocol, Answer s3, Answer awsJson, Answer query) {
        Answer chosen = switch (protocol) {
            case REST_XML -> s3;
            case AWS_QUERY -> query;
            case REST_JSON_1 -> new Answer(awsJson.code(), 403, awsJson.message());
            case AWS_JSON_1_0, AWS_JSON_1_1, RPC_V2_CBOR -> awsJson;
        };
        return new AwsException(chosen.code(), chosen.status(), chosen.message());
    }

    private static boolean isS3(Protocol protocol) {
        return protocol == Protocol.REST_XML;
    }

    public static AwsException signatureDoesNotMatch(Protocol protocol, String accessKeyId, String stringToSign,
                                                     String signatureProvided, String canonicalRequest) {
        // The JSON and query services spell out what they expected in the message; S3 puts the
        // same in members of its error document.
        String detailed = canonicalRequest == null ? SIGNATURE_MISMATCH_JSON : SIGNATURE_MISMATCH_JSON
                + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n";
        AwsException e = answer(protocol,
                new Answer("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the"
                        + " signature you provided. Check your key and signing method."),
                new Answer("InvalidSignatureException", 400, detailed),
                new Answer("SignatureDoesNotMatch", 403, detailed));
        if (isS3(protocol)) {
            e.with("AWSAccessKeyId", accessKeyId).with("StringToSign", stringToSign)
                    .with("SignatureProvided", signatureProvided);
            if (canonicalRequest != null) {
                e.with("CanonicalRequest", canonicalRequest);
            }
        }
        return e;
    }

    /** A chunk or trailer of an aws-chunked body whose signature does not continue the chain. */
    static AwsException chunkSignatureDoesNotMatch(Protocol protocol, String accessKeyId, String stringToSign,
                                                   String signatureProvided) {
        return signatureDoesNotMatch(protocol, accessKeyId, stringToSign, signatureProvided, null);
    }

    public static AwsException unknownAccessKey(Protocol protocol, String accessKeyId) {
        AwsException e = answer(protocol,
                new Answer("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
                new Answer("UnrecognizedClientException", 400, INVALID_CLIENT_TOKEN),
                new Answer("InvalidClientTokenId", 403, INVALID_CLIENT_TOKEN));
        return isS3(protocol) ? e.with("AWSAccessKeyId", accessKeyId) : e;
    }

    public static AwsException requestTimeTooSkewed(Protocol protocol, String amzDate, Instant requestTime,
                                                    Instant now) {
        String message = requestTime.isBefore(now)
                ? "Signature expired: " + amzDate + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW))
                        + " (" + AMZ_DATE.format(now) + " - 15 min.)"
                : "Signature not yet current: " + amzDate + " is still later than "
                        + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)";
        AwsException e = answer(protocol,
                new Answer("RequestTimeTooSkewed", 403,
                        "The difference between the request time and the current time is too large."),
                new Answer("InvalidSignatureException", 400, message),
                new Answer("SignatureDoesNotMatch", 403, message));
        return isS3(protocol)
                ? e.with("RequestTime", amzDate).with("ServerTime", DateTimeFormatter.ISO_INSTANT.format(now))
                        .with("MaxAllowedSkewMilliseconds", String.valueOf(MAX_SKEW.toMillis()))
                : e;
    }

    public static AwsException presignedUrlExpired(Protocol protocol, long expiresSeconds, Instant expiry,
                                                   Instant now) {
        AwsException e = new AwsException("AccessDenied", 403, "Request has expired");
        return isS3(protocol)
                ? e.with("X-Amz-Expires", String.valueOf(expiresSeconds))
                        .with("Expires", DateTimeFormatter.ISO_INSTANT.format(expiry))
                        .with("ServerTime", DateTimeFormatter.ISO_INSTANT.format(now))
                : e;
    }

    /** S3 echoes the expired session token in its error document, as Token-0. */
    public static AwsException expiredToken(Protocol protocol, String sessionToken) {
        AwsException e = answer(protocol,
                new Answer("ExpiredToken", 400, "The provided token has expired."),
                new Answer("ExpiredTokenException", 400, EXPIRED_TOKEN_JSON),
                new Answer("ExpiredToken", 403, EXPIRED_TOKEN_JSON));
        return isS3(protocol) ? e.with("Token-0", sessionToken) : e;
    }

    public static AwsException invalidToken(Protocol protocol) {
        return answer(protocol,
                new Answer("InvalidToken", 403, "The provided token is malformed or otherwise invalid."),
                new Answer("UnrecognizedClientException", 400, INVALID_CLIENT_TOKEN),
                new Answer("InvalidClientTokenId", 403, INVALID_CLIENT_TOKEN));
    }

    /**
     * An Authorization header or presigned query that cannot be understood. S3 names the problem
     * with its own code and message; the other protocols call the signature incomplete.
     */
    static AwsException malformed(Protocol protocol, String s3Code, String s3Message, String message) {
        return answer(protocol,
                new Answer(s3Code, 400, s3Message),
                new Answer("IncompleteSignatureException", 400, message),
                new Answer("IncompleteSignature", 400, message));
    }

    static AwsException malformedHeader(Protocol protocol, String s3Detail, String message) {
        return malformed(protocol, "AuthorizationHeaderMalformed",
                "The authorization header is malformed; " + s3Detail, message);
    }

    static AwsException malformedQuery(Protocol protocol, String s3Message, String message) {
        return malformed(protocol, "AuthorizationQueryParametersError", s3Message, message);
    }

    /** S3 refuses x-amz-* headers that were sent but not signed, since they change what the request does. */
    static AwsException headersNotSigned(List<String> names) {
        return new AwsException("AccessDenied", 403, "There were headers present in the request which were not signed")
                .with("HeadersNotSigned", String.join(", ", names));
    }

    static AwsException missingContentSha256() {
        return new AwsException("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");
    }

    static AwsException invalidContentSha256(String value) {
        return new AwsException("InvalidArgument", 400, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
                + " STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
                + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD,"
                + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.")
                .with("ArgumentName", "x-amz-content-sha256").with("ArgumentValue", value);
    }

    /**
     * The body does not hash to what the client declared. S3 says so; the other services hash the
     * body themselves, so to them it is a signature that does not match.
     */
    public static AwsException contentSha256Mismatch(Protocol protocol, String declared, String computed) {
        if (!isS3(protocol)) {
            return signatureDoesNotMatch(protocol, null, null, null, null);
        }
        return new AwsException("XAmzContentSHA256Mismatch", 400,
                "The provided 'x-amz-content-sha256' header does not match what was computed.")
                .with("ClientComputedContentSHA256", declared).with("S3ComputedContentSHA256", computed);
    }

    static AwsException missingDecodedContentLength() {
        return new AwsException("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    }

    /** The body ended early, ran past its declared length, or does not decode to x-amz-decoded-content-length. */
    static AwsException incompleteBody() {
        return new AwsException("IncompleteBody", 400,
                "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    /** aws-chunked framing that cannot be parsed (bad chunk size, missing CRLF, malformed trailer). */
    static AwsException malformedChunkEncoding(String detail) {
        return new AwsException("InvalidRequest", 400, "Invalid chunked encoding: " + detail);
    }
}
