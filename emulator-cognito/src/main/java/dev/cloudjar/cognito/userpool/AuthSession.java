package dev.cloudjar.cognito.userpool;

/**
 * One sign-in: the origin_jti its tokens carry, the client it was for, when the user
 * authenticated, and when its refresh token expires. Signing out or revoking the refresh token
 * deletes it, which revokes every token that carries its origin_jti.
 */
public record AuthSession(String originJti, String username, String clientId, long authTime, long refreshExpiry) {
}
