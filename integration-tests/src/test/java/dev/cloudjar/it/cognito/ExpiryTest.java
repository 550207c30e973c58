package dev.cloudjar.it.cognito;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.MovableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

import java.net.URI;
import java.time.Duration;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.confirmationCode;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tokens and codes are refused once their validity has passed, on a server whose clock the test moves. */
class ExpiryTest {

    @Test
    void accessTokenPastItsValidityIsNotAuthorized() {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock);
             CognitoIdentityProviderClient idp = cognitoIdp(URI.create(server.endpoint()))) {
            String poolId = idp.createUserPool(r -> r.poolName("short-lived")).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                    .accessTokenValidity(5)
                    .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.MINUTES))).userPoolClient().clientId();
            CognitoFixtures.Pool pool = new CognitoFixtures.Pool(poolId, clientId);
            signUpAndConfirm(URI.create(server.endpoint()), idp, pool, "erin", "erin@example.com");
            String accessToken = login(idp, pool, "erin", PASSWORD).accessToken();
            idp.getUser(r -> r.accessToken(accessToken));

            clock.shiftTo(Duration.ofMinutes(6));

            NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                    () -> idp.getUser(r -> r.accessToken(accessToken)));
            assertEquals("NotAuthorizedException", e.awsErrorDetails().errorCode());
            assertEquals("Access Token has expired", e.awsErrorDetails().errorMessage());
        }
    }

    /** ForgotPassword's code lasts an hour; the calls are unsigned, so the clock may move past SigV4's allowance. */
    @Test
    void forgotPasswordCodeAfterAnHourFailsWithExpiredCode() {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock);
             CognitoIdentityProviderClient idp = cognitoIdp(URI.create(server.endpoint()))) {
            URI endpoint = URI.create(server.endpoint());
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "slow-reset");
            signUpAndConfirm(endpoint, idp, pool, "finn", "finn@example.com");
            idp.forgotPassword(r -> r.clientId(pool.clientId()).username("finn"));
            String code = confirmationCode(endpoint, pool.poolId(), "finn");

            clock.shiftTo(Duration.ofMinutes(61));

            ExpiredCodeException e = assertThrows(ExpiredCodeException.class, () -> idp.confirmForgotPassword(r -> r
                    .clientId(pool.clientId()).username("finn").confirmationCode(code).password("New-Password-2")));
            assertEquals("ExpiredCodeException", e.awsErrorDetails().errorCode());
        }
    }
}
