package dev.cloudjar.cognito;

import dev.cloudjar.core.error.AwsException;

/**
 * The errors of Cognito user pools and identity pools, with the codes and messages Cognito
 * answers with (both services share the error names). Whatever status the model's httpError
 * trait gives an error (403 for NotAuthorizedException, 404 for ResourceNotFoundException...),
 * both services answer every client error with HTTP 400, and clients that log or branch on the
 * status see 400.
 */
public final class CognitoErrors {
    private static final int BAD_REQUEST = 400;

    private CognitoErrors() {
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterException", BAD_REQUEST, message);
    }

    /** A refresh token that rotation replaced, used after its grace period. */
    public static AwsException refreshTokenReuse() {
        return new AwsException("RefreshTokenReuseException", BAD_REQUEST, "Refresh Token has been rotated");
    }

    public static AwsException notAuthorized(String message) {
        return new AwsException("NotAuthorizedException", BAD_REQUEST, message);
    }

    public static AwsException resourceNotFound(String message) {
        return new AwsException("ResourceNotFoundException", BAD_REQUEST, message);
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
        return new AwsException("UserNotFoundException", BAD_REQUEST, message);
    }

    public static AwsException usernameExists(String message) {
        return new AwsException("UsernameExistsException", BAD_REQUEST, message);
    }

    public static AwsException aliasExists(String attribute) {
        return new AwsException("AliasExistsException", BAD_REQUEST, "An account with the given " + attribute
                + " already exists.");
    }

    public static AwsException userNotConfirmed() {
        return new AwsException("UserNotConfirmedException", BAD_REQUEST, "User is not confirmed.");
    }

    /** A password outside the pool's policy, worded as SignUp words it. */
    public static AwsException signUpPasswordNotConforming(String reason) {
        return new AwsException("InvalidPasswordException", BAD_REQUEST, "Password did not conform with policy: " + reason);
    }

    /**
     * A password outside the pool's policy, worded as the other operations that set one word it
     * (ConfirmForgotPassword, ChangePassword, AdminSetUserPassword, AdminCreateUser,
     * RespondToAuthChallenge).
     */
    public static AwsException passwordNotConforming(String reason) {
        return new AwsException("InvalidPasswordException", BAD_REQUEST, "Password does not conform to policy: " + reason);
    }

    public static AwsException codeMismatch() {
        return new AwsException("CodeMismatchException", BAD_REQUEST, "Invalid verification code provided, please try again.");
    }

    public static AwsException expiredCode() {
        return new AwsException("ExpiredCodeException", BAD_REQUEST, "Invalid code provided, please request a code again.");
    }

    public static AwsException limitExceeded() {
        return new AwsException("LimitExceededException", BAD_REQUEST, "Attempt limit exceeded, please try after some time.");
    }

    public static AwsException incorrectCredentials() {
        return notAuthorized("Incorrect username or password.");
    }

    public static AwsException groupExists() {
        return new AwsException("GroupExistsException", BAD_REQUEST, "A group with the name already exists.");
    }

    public static AwsException groupNotFound() {
        return resourceNotFound("Group not found.");
    }

    public static AwsException passwordResetRequired() {
        return new AwsException("PasswordResetRequiredException", BAD_REQUEST, "Password reset required for the user");
    }

    public static AwsException unsupportedUserState(String status) {
        return new AwsException("UnsupportedUserStateException", BAD_REQUEST, "User status is " + status
                + "; a message can be resent only to users whose status is FORCE_CHANGE_PASSWORD.");
    }

    public static AwsException unauthorized(String message) {
        return new AwsException("UnauthorizedException", BAD_REQUEST, message);
    }

    public static AwsException unsupportedTokenType() {
        return new AwsException("UnsupportedTokenTypeException", BAD_REQUEST, "Unsupported token type");
    }

    public static AwsException invalidIdentityPoolConfiguration() {
        return new AwsException("InvalidIdentityPoolConfigurationException", BAD_REQUEST,
                "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }

    public static AwsException resourceConflict(String message) {
        return new AwsException("ResourceConflictException", BAD_REQUEST, message);
    }
}
