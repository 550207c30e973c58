package dev.cloudjar.apigateway;

import dev.cloudjar.core.error.AwsException;

/**
 * API Gateway's errors by their restJson1 codes, worded as API Gateway answers them: a missing
 * thing is {@code Invalid <Thing> identifier specified}, the API's with the account before its id.
 */
public final class ApiGatewayErrors {
    private ApiGatewayErrors() {
    }

    /** NotFoundException (404): "Invalid API identifier specified 000000000000:abc". */
    public static AwsException apiNotFound(String accountId, String apiId) {
        return notFound("Invalid API identifier specified " + accountId + ":" + apiId);
    }

    public static AwsException resourceNotFound() {
        return notFound("Invalid Resource identifier specified");
    }

    public static AwsException methodNotFound() {
        return notFound("Invalid Method identifier specified");
    }

    public static AwsException integrationNotFound() {
        return notFound("Invalid Integration identifier specified");
    }

    public static AwsException stageNotFound() {
        return notFound("Invalid Stage identifier specified");
    }

    public static AwsException deploymentNotFound() {
        return notFound("Invalid Deployment identifier specified");
    }

    public static AwsException notFound(String message) {
        return new AwsException("NotFoundException", 404, message);
    }

    public static AwsException badRequest(String message) {
        return new AwsException("BadRequestException", 400, message);
    }

    public static AwsException conflict(String message) {
        return new AwsException("ConflictException", 409, message);
    }
}
