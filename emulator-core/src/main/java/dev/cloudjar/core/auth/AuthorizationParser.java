package dev.cloudjar.core.auth;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the signature a request claims, from its Authorization header or its presigned query. */
final class AuthorizationParser {
    static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";
    static final String X_AMZ_REGION_SET = "X-Amz-Region-Set";
    static final long MAX_PRESIGNED_EXPIRES = 604_800;

    private static final String CREDENTIAL_TERMINATOR = "aws4_request";
    private static final DateTimeFormatter AMZ_DATE_PARSER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String QUERY_PARAMETERS_REQUIRED = "Query-string authentication version 4 requires the"
            + " X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and"
            + " X-Amz-Expires parameters.";

    private AuthorizationParser() {
    }

    /** The signature the request claims, or empty for an anonymous request. */
    static Optional<SignedParts> parse(Request request, Protocol protocol) {
        String authorization = request.header("Authorization");
        boolean presigned = request.queryParameter(X_AMZ_ALGORITHM) != null;
        if (authorization != null && presigned) {
            throw AuthErrors.malformed(protocol, "InvalidArgument", "Only one auth mechanism allowed; only the"
                    + " X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization"
                    + " header should be specified", "Found both 'X-Amz-Algorithm' as a query-string param and"
                    + " 'Authorization' as HTTP header.");
        }
        if (presigned) {
            return Optional.of(parseQuery(request, protocol));
        }
        return authorization == null ? Optional.empty() : Optional.of(parseHeader(request, authorization, protocol));
    }

    /** The scope a request names, read leniently and without verifying anything. */
    static Optional<CredentialScope> peek(Request request) {
        String credential;
        String algorithmName;
        String authorization = request.header("Authorization");
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            int start = authorization.indexOf("Credential=");
            if (space < 0 || start < 0) {
                return Optional.empty();
            }
            algorithmName = authorization.substring(0, space);
            int end = authorization.indexOf(',', start);
            credential = authorization.substring(start + "Credential=".length(), end < 0 ? authorization.length() : end)
                    .trim();
        } else {
            algorithmName = request.queryParameter(X_AMZ_ALGORITHM);
            credential = request.queryParameter("X-Amz-Credential");
        }
        SigningAlgorithm algorithm = SigningAlgorithm.fromWireName(algorithmName);
        if (algorithm == null || credential == null) {
            return Optional.empty();
        }
        String[] elements = credential.split("/", -1);
        if (elements.length != algorithm.credentialElements()) {
            return Optional.empty();
        }
        return Optional.of(scope(algorithm, elements, request));
    }

    private static CredentialScope scope(SigningAlgorithm algorithm, String[] elements, Request request) {
        if (algorithm == SigningAlgorithm.AWS4_HMAC_SHA256) {
            return new CredentialScope(elements[0], elements[1], elements[2], elements[3]);
        }
        return new CredentialScope(elements[0], elements[1], singleRegion(regionSet(request)), elements[2]);
    }

    static String regionSet(Request request) {
        String header = request.header(X_AMZ_REGION_SET);
        return header != null ? header : request.queryParameter(X_AMZ_REGION_SET);
    }

    /** A SigV4a region set binds the request to one region only when it names exactly one, without wildcards. */
    private static String singleRegion(String regionSet) {
        if (regionSet == null || regionSet.contains(",") || regionSet.contains("*")) {
            return null;
        }
        return regionSet.trim();
    }

    private static SignedParts parseHeader(Request request, String authorization, Protocol protocol) {
        int space = authorization.indexOf(' ');
        SigningAlgorithm algorithm = SigningAlgorithm.fromWireName(
                space < 0 ? authorization : authorization.substring(0, space));
        if (algorithm == null) {
            throw AuthErrors.malformed(protocol, "InvalidArgument", "Unsupported Authorization Type",
                    "Authorization header requires 'Credential' parameter. Authorization header requires"
                            + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."
                            + " Authorization=" + authorization)
                    .with("ArgumentName", "Authorization").with("ArgumentValue", authorization);
        }
        Map<String, String> components = components(authorization.substring(space + 1));
        String credential = components.get("Credential");
        String signedHeaders = components.get("SignedHeaders");
        String signature = components.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw AuthErrors.malformedHeader(protocol, "the authorization header requires three components:"
                    + " Credential, SignedHeaders, and Signature.", missingComponents(components, authorization));
        }
        String amzDate = headerAmzDate(request, protocol, authorization);
        return parts(request, protocol, algorithm, credential, signedHeaders, signature, amzDate, false, -1,
                request.header(X_AMZ_SECURITY_TOKEN));
    }

    private static Map<String, String> components(String value) {
        Map<String, String> components = new HashMap<>(4);
        for (String component : value.split(",")) {
            String trimmed = component.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                components.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return components;
    }

    private static String missingComponents(Map<String, String> components, String authorization) {
        StringBuilder message = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!components.containsKey(name)) {
                message.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        return message.append("Authorization=").append(authorization).toString();
    }

    /** X-Amz-Date, or failing that the Date header, in the basic ISO 8601 form the string to sign uses. */
    private static String headerAmzDate(Request request, Protocol protocol, String authorization) {
        String amzDate = request.header("X-Amz-Date");
        if (amzDate != null) {
            return amzDate;
        }
        String date = request.header("Date");
        if (date == null) {
            throw missingDate(protocol, "Authorization header requires existence of either a 'X-Amz-Date' or a"
                    + " 'Date' header. Authorization=" + authorization);
        }
        try {
            return AuthErrors.AMZ_DATE.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            throw missingDate(protocol, "Date must be in ISO-8601 'basic format'. Got '" + date + "'. See"
                    + " http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static AwsException missingDate(Protocol protocol, String message) {
        return protocol == Protocol.REST_XML
                ? new AwsException("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header")
                : AuthErrors.malformed(protocol, null, null, message);
    }

    private static SignedParts parseQuery(Request request, Protocol protocol) {
        String algorithmName = request.queryParameter(X_AMZ_ALGORITHM);
        SigningAlgorithm algorithm = SigningAlgorithm.fromWireName(algorithmName);
        if (algorithm == null) {
            throw AuthErrors.malformedQuery(protocol, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\" and"
                    + " \"AWS4-ECDSA-P256-SHA256\"", "Unsupported AWS 'algorithm': '" + algorithmName + "'");
        }
        String credential = request.queryParameter("X-Amz-Credential");
        String amzDate = request.queryParameter("X-Amz-Date");
        String signedHeaders = request.queryParameter("X-Amz-SignedHeaders");
        String signature = request.queryParameter(X_AMZ_SIGNATURE);
        String expires = request.queryParameter("X-Amz-Expires");
        if (credential == null || amzDate == null || signedHeaders == null || signature == null
                || (expires == null && protocol == Protocol.REST_XML)) {
            throw AuthErrors.malformedQuery(protocol, QUERY_PARAMETERS_REQUIRED, QUERY_PARAMETERS_REQUIRED);
        }
        String token = request.queryParameter(X_AMZ_SECURITY_TOKEN);
        return parts(request, protocol, algorithm, credential, signedHeaders, signature, amzDate, true,
                expires == null ? -1 : expiresSeconds(expires, protocol),
                token != null ? token : request.header(X_AMZ_SECURITY_TOKEN));
    }

    private static long expiresSeconds(String expires, Protocol protocol) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw AuthErrors.malformedQuery(protocol, "X-Amz-Expires should be a number",
                    "X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw AuthErrors.malformedQuery(protocol, "X-Amz-Expires must be non-negative",
                    "X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_PRESIGNED_EXPIRES) {
            throw AuthErrors.malformedQuery(protocol, "X-Amz-Expires must be less than a week (in seconds) that is"
                    + " 604800", "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    private static SignedParts parts(Request request, Protocol protocol, SigningAlgorithm algorithm,
                                     String credential, String signedHeadersValue, String signature,
                                     String amzDate, boolean presigned, long expires, String securityToken) {
        String[] elements = credential.split("/", -1);
        if (elements.length != algorithm.credentialElements()
                || !CREDENTIAL_TERMINATOR.equals(elements[elements.length - 1])
                || Arrays.stream(elements).anyMatch(String::isEmpty)) {
            String s3Detail = "the Credential is mal-formed; expecting"
                    + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
            throw malformed(protocol, presigned, s3Detail, "Error parsing the X-Amz-Credential parameter; "
                    + s3Detail, "Credential must have exactly "
                    + algorithm.credentialElements() + " slash-delimited elements, e.g. "
                    + (algorithm == SigningAlgorithm.AWS4_HMAC_SHA256 ? "keyid/date/region/service/term"
                            : "keyid/date/service/term") + ", got '" + credential + "'");
        }
        Instant requestTime = requestTime(amzDate, protocol, presigned);
        if (!amzDate.startsWith(elements[1])) {
            throw malformed(protocol, presigned, "Invalid credential date. Date is not the same as X-Amz-Date.",
                    "Invalid date format of X-Amz-Credential. Date is not the same as X-Amz-Date.",
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + elements[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        List<String> signedHeaders = List.of(signedHeadersValue.split(";"));
        if (!signedHeaders.contains("host")) {
            String message = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
            throw malformed(protocol, presigned, message, message, message);
        }
        return new SignedParts(algorithm, scope(algorithm, elements, request),
                credential.substring(elements[0].length() + 1), signedHeaders, signedHeadersValue, signature,
                amzDate, requestTime, presigned, expires, securityToken);
    }

    private static Instant requestTime(String amzDate, Protocol protocol, boolean presigned) {
        try {
            return isBasicIsoDigits(amzDate) ? LocalDateTime.of(digits(amzDate, 0, 4), digits(amzDate, 4, 6),
                    digits(amzDate, 6, 8), digits(amzDate, 9, 11), digits(amzDate, 11, 13),
                    digits(amzDate, 13, 15)).toInstant(ZoneOffset.UTC)
                    : LocalDateTime.parse(amzDate, AMZ_DATE_PARSER).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            String message = "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See"
                    + " http://en.wikipedia.org/wiki/ISO_8601";
            if (presigned) {
                throw AuthErrors.malformedQuery(protocol, "X-Amz-Date must be in the ISO8601 Long Format"
                        + " \"yyyyMMdd'T'HHmmss'Z'\"", message);
            }
            throw missingDate(protocol, message);
        }
    }

    /**
     * Whether the date is yyyyMMdd'T'HHmmss'Z' with fields valid in any month, as every signed
     * request's is: read by hand, it skips the formatter's general machinery. Anything else
     * (day 29 to 31 included) is left to the formatter and its lenient resolution.
     */
    private static boolean isBasicIsoDigits(String amzDate) {
        if (amzDate.length() != 16 || amzDate.charAt(8) != 'T' || amzDate.charAt(15) != 'Z') {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            char c = amzDate.charAt(i);
            if (i != 8 && (c < '0' || c > '9')) {
                return false;
            }
        }
        int month = digits(amzDate, 4, 6);
        int day = digits(amzDate, 6, 8);
        return digits(amzDate, 0, 4) >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 28
                && digits(amzDate, 9, 11) <= 23 && digits(amzDate, 11, 13) <= 59 && digits(amzDate, 13, 15) <= 59;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }

    private static AwsException malformed(Protocol protocol, boolean presigned, String s3HeaderDetail,
                                          String s3QueryMessage, String message) {
        return presigned
                ? AuthErrors.malformedQuery(protocol, s3QueryMessage, message)
                : AuthErrors.malformedHeader(protocol, s3HeaderDetail, message);
    }
}
