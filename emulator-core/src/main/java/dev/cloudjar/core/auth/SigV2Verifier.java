package dev.cloudjar.core.auth;

import dev.cloudjar.core.auth.CredentialStore.SigningCredential;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.xml.S3Addressing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S3's legacy Signature Version 2, which AWS CLI v1 and boto still use for {@code aws s3 presign}
 * unless told to sign with s3v4: a presigned query ({@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}) or the header {@code Authorization: AWS key:signature}. The signature is the
 * base64 HMAC-SHA1 of method, Content-MD5, Content-Type, the date (the query's Expires, or empty
 * when x-amz-date is sent), the x-amz-* headers and the resource with its sub-resources.
 */
final class SigV2Verifier {
    private static final String HEADER_PREFIX = "AWS ";
    /** The query parameters S3 signs as part of the resource; every other parameter is left out. */
    private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "analytics", "cors", "delete",
            "encryption", "inventory", "legal-hold", "lifecycle", "location", "logging", "metrics", "notification",
            "object-lock", "partNumber", "policy", "replication", "requestPayment", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires", "restore", "retention", "select", "select-type",
            "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    private final CredentialStore credentials;
    private final Clock clock;
    private final boolean verifySignatures;

    SigV2Verifier(CredentialStore credentials, Clock clock, boolean verifySignatures) {
        this.credentials = credentials;
        this.clock = clock;
        this.verifySignatures = verifySignatures;
    }

    /** Whether an S3 request claims a SigV2 signature (SigV4 presigning uses X-Amz-* names instead). */
    static boolean claims(Request request, Protocol protocol) {
        if (protocol != Protocol.REST_XML) {
            return false;
        }
        String authorization = request.header("Authorization");
        if (authorization != null) {
            return authorization.startsWith(HEADER_PREFIX);
        }
        return request.queryParameter("AWSAccessKeyId") != null && request.queryParameter("Signature") != null;
    }

    /** The claimed key and signature, and the date line of the string to sign. */
    private record Claim(String accessKeyId, String signature, String date, boolean presigned) {
    }

    AuthResult verify(Request request, Protocol protocol) {
        Claim claim = claim(request, protocol);
        if (!verifySignatures) {
            return result(credentials.unverified(claim.accessKeyId()), claim);
        }
        checkTime(request, claim, protocol);
        SigningCredential credential = credentials.find(claim.accessKeyId())
                .orElseThrow(() -> AuthErrors.unknownAccessKey(protocol, claim.accessKeyId()));
        checkSessionToken(request, credential, protocol);
        String stringToSign = stringToSign(request, claim.date());
        String expected = sign(credential.secretAccessKey(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                claim.signature().getBytes(StandardCharsets.UTF_8))) {
            throw AuthErrors.signatureDoesNotMatch(protocol, claim.accessKeyId(), stringToSign, claim.signature(), null);
        }
        return result(credential.principal(), claim);
    }

    private static AuthResult result(dev.cloudjar.core.spi.Principal principal, Claim claim) {
        return new AuthResult(principal, null, "s3", false, claim.accessKeyId());
    }

    private static Claim claim(Request request, Protocol protocol) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            String expires = request.queryParameter("Expires");
            if (expires == null) {
                throw AuthErrors.malformed(protocol, "AccessDenied",
                        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
                        "missing Expires");
            }
            return new Claim(request.queryParameter("AWSAccessKeyId"), request.queryParameter("Signature"), expires, true);
        }
        String credential = authorization.substring(HEADER_PREFIX.length()).trim();
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            throw AuthErrors.malformed(protocol, "InvalidArgument", "AWS authorization header is invalid."
                    + "  Expected AwsAccessKeyId:signature", "malformed AWS authorization header");
        }
        String date = request.header("x-amz-date") != null ? "" : nullToEmpty(request.header("Date"));
        return new Claim(credential.substring(0, colon), credential.substring(colon + 1), date, false);
    }

    /** A presigned URL until its Expires (epoch seconds); a signed header within 15 minutes of the server's clock. */
    private void checkTime(Request request, Claim claim, Protocol protocol) {
        Instant now = clock.instant();
        if (claim.presigned()) {
            Instant expiry;
            try {
                expiry = Instant.ofEpochSecond(Long.parseLong(claim.date().trim()));
            } catch (NumberFormatException e) {
                throw AuthErrors.malformed(protocol, "AccessDenied", "Invalid date (should be seconds since epoch): "
                        + claim.date(), "bad Expires");
            }
            if (now.isAfter(expiry)) {
                throw new AwsException("AccessDenied", 403, "Request has expired")
                        .with("Expires", DateTimeFormatter.ISO_INSTANT.format(expiry))
                        .with("ServerTime", DateTimeFormatter.ISO_INSTANT.format(now));
            }
            return;
        }
        String date = request.header("x-amz-date") != null ? request.header("x-amz-date") : request.header("Date");
        Instant sent = httpDate(date);
        if (sent == null) {
            throw new AwsException("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
        }
        if (Duration.between(sent, now).abs().compareTo(AuthErrors.MAX_SKEW) > 0) {
            throw new AwsException("RequestTimeTooSkewed", 403,
                    "The difference between the request time and the current time is too large.")
                    .with("RequestTime", date).with("ServerTime", DateTimeFormatter.ISO_INSTANT.format(now))
                    .with("MaxAllowedSkewMilliseconds", String.valueOf(AuthErrors.MAX_SKEW.toMillis()));
        }
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Temporary keys send their session token as x-amz-security-token (header or query); long-term keys none. */
    private void checkSessionToken(Request request, SigningCredential credential, Protocol protocol) {
        String token = request.header("x-amz-security-token");
        if (token == null) {
            token = request.queryParameter("x-amz-security-token");
        }
        if (!credential.isTemporary()) {
            if (token != null) {
                throw AuthErrors.invalidToken(protocol);
            }
            return;
        }
        if (!credential.principal().sessionToken().equals(token)) {
            throw AuthErrors.invalidToken(protocol);
        }
        if (credential.isExpired(clock.instant())) {
            throw AuthErrors.expiredToken(protocol, token);
        }
    }

    static String stringToSign(Request request, String date) {
        return request.method().toUpperCase(Locale.ROOT) + "\n"
                + nullToEmpty(request.header("Content-MD5")).trim() + "\n"
                + nullToEmpty(request.header("Content-Type")).trim() + "\n"
                + date + "\n"
                + amzHeaders(request)
                + resource(request);
    }

    /** x-amz-* headers, lower-cased and sorted, one "name:values" line each. */
    private static String amzHeaders(Request request) {
        StringBuilder out = new StringBuilder();
        Map<String, List<String>> sorted = new TreeMap<>();
        request.headers().asLowerCaseMap().forEach((name, values) -> {
            if (name.startsWith("x-amz-")) {
                sorted.put(name, values);
            }
        });
        sorted.forEach((name, values) -> out.append(name).append(':')
                .append(String.join(",", values.stream().map(String::trim).toList())).append('\n'));
        return out.toString();
    }

    /** The path-style path as sent (a virtual host's bucket put in front), then the signed sub-resources, sorted. */
    private static String resource(Request request) {
        String path = S3Addressing.pathStyle(request.header("Host"), request.rawPath());
        List<String> signed = new ArrayList<>();
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = Request.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (SUB_RESOURCES.contains(name)) {
                signed.add(eq < 0 ? name : name + "=" + Request.decode(pair.substring(eq + 1)));
            }
        }
        signed.sort(null);
        return signed.isEmpty() ? path : path + "?" + String.join("&", signed);
    }

    static String sign(String secretAccessKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretAccessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a required JDK algorithm", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
