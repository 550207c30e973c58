package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;

/** The errors the gateway itself raises, with each protocol's code, status and message as AWS sends them. */
final class GatewayErrors {
    private GatewayErrors() {
    }

    /** An operation the model defines but Cloudjar does not implement yet. */
    static AwsException notImplemented(Protocol protocol, String service, String operation) {
        String message = "Cloudjar does not implement " + service + " " + operation + " yet.";
        return switch (protocol) {
            case REST_XML -> new AwsException("NotImplemented", 501,
                    "A header you provided implies functionality that is not implemented.");
            case AWS_QUERY -> new AwsException("InvalidAction", 400,
                    "The action " + operation + " is not valid for this web service.");
            default -> new AwsException("UnknownOperationException", 400, message);
        };
    }

    /**
     * A request no service answers, in the form of the protocol it speaks: what an AWS endpoint
     * answers to an operation it does not have, with a message naming what Cloudjar lacks.
     */
    static AwsException unknownService(Protocol protocol, String message) {
        return switch (protocol) {
            case REST_XML -> new AwsException("InvalidRequest", 400, message);
            case AWS_QUERY -> new AwsException("InvalidAction", 400, message);
            case REST_JSON_1 -> new AwsException("UnknownOperationException", 404, message);
            default -> new AwsException("UnknownOperationException", 400, message);
        };
    }

    /** A request without any credentials to an operation that needs them. */
    static AwsException missingAuthentication(Protocol protocol) {
        return switch (protocol) {
            case REST_XML -> new AwsException("AccessDenied", 403, "Access Denied");
            case AWS_QUERY -> new AwsException("MissingAuthenticationToken", 403,
                    "Request is missing Authentication Token");
            case REST_JSON_1 -> new AwsException("MissingAuthenticationTokenException", 403,
                    "Missing Authentication Token");
            default -> new AwsException("MissingAuthenticationTokenException", 400,
                    "Request is missing Authentication Token");
        };
    }

    /** A buffered body over the limit. */
    static AwsException tooLarge(Protocol protocol, long limit) {
        if (protocol == Protocol.REST_XML) {
            return new AwsException("MaxMessageLengthExceeded", 400,
                    "Your request was too big.");
        }
        return new AwsException("RequestEntityTooLarge", 413, "Request size exceeded " + limit + " bytes");
    }

    /**
     * A body that stopped arriving. S3's wording; the other services answer a stalled connection
     * the same way at their front end, and no SDK retries it differently.
     */
    static AwsException requestTimeout() {
        return new AwsException("RequestTimeout", 400, "Your socket connection to the server was not read from or "
                + "written to within the timeout period. Idle connections will be closed.");
    }

    /** Any failure that is Cloudjar's fault; details go to the log, never to the client. */
    static AwsException internal(Protocol protocol) {
        return switch (protocol) {
            case REST_XML -> new AwsException("InternalError", 500, "We encountered an internal error. Please try again.");
            case AWS_QUERY -> new AwsException("InternalFailure", 500,
                    "The request processing has failed because of an unknown error, exception or failure.");
            default -> new AwsException("InternalFailure", 500,
                    "The request processing has failed because of an unknown error, exception or failure.");
        };
    }
}
