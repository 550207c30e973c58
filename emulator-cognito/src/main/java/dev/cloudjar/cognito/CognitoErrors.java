package dev.cloudjar.cognito;

import dev.cloudjar.core.error.AwsException;

/**
 * The errors of Cognito user pools and identity pools, with the codes, statuses and messages
 * Cognito answers with (both services share the error names).
 */
public final class CognitoErrors {
    private CognitoErrors() {
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", 400, message);
    }

    public static AwsException notAuthorized(String message) {
        return new AwsException("NotAuthorizedException", 403, message);
    }

    public static AwsException resourceNotFound(String message) {
        return new AwsException("ResourceNotFoundException", 404, message);
    }

    public static AwsException userPoolNotFound(String userPoolId) {
        return resourceNotFound("User pool " + userPoolId + " does not exist.");
    }

    public static AwsException clientNotFound(String clientId) {
        return resourceNotFound("User pool client " + clientId + " does not exist.");
    }

    public static AwsException userNotFound() {
        return userNotFound("User does not exist.");
    }

    public static AwsException userNotFound(String message) {
        return new AwsException("UserNotFoundException", 404, message);
    }

    public static AwsException usernameExists(String message) {
        return new AwsException("UsernameExistsException", 400, message);
    }

    public static AwsException aliasExists() {
        return new AwsException("AliasExistsException", 400, "An account with the given email already exists.");
    }

    public static AwsException userNotConfirmed() {
        return new AwsException("UserNotConfirmedException", 400, "User is not confirmed.");
    }

    public static AwsException invalidPassword(String reason) {
        return new AwsException("InvalidPasswordException", 400, "Password did not conform with policy: " + reason);
    }

    public static AwsException codeMismatch() {
        return new AwsException("CodeMismatchException", 400, "Invalid verification code provided, please try again.");
    }

    public static AwsException expiredCode() {
        return new AwsException("ExpiredCodeException", 400, "Invalid code provided, please request a code again.");
    }

    public static AwsException incorrectCredentials() {
        return notAuthorized("Incorrect username or password.");
    }

    public static AwsException groupExists() {
        return new AwsException("GroupExistsException", 400, "A group with the name already exists.");
    }

    public static AwsException groupNotFound() {
        return resourceNotFound("Group not found.");
    }

    public static AwsException passwordResetRequired() {
        return new AwsException("PasswordResetRequiredException", 403, "Password reset required for the user");
    }

    public static AwsException unsupportedUserState(String status) {
        return new AwsException("UnsupportedUserStateException", 400, "User status is " + status
                + "; a message can be resent only to users whose status is FORCE_CHANGE_PASSWORD.");
    }

    public static AwsException unauthorized(String message) {
        return new AwsException("UnauthorizedException", 401, message);
    }

    public static AwsException unsupportedTokenType() {
        return new AwsException("UnsupportedTokenTypeException", 400, "Unsupported token type");
    }

    public static AwsException invalidIdentityPoolConfiguration() {
        return new AwsException("InvalidIdentityPoolConfigurationException", 400,
                "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    public static AwsException resourceConflict(String message) {
        return new AwsException("ResourceConflictException", 409, message);
    }
}
