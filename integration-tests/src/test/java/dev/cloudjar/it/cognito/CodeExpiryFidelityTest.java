package dev.cloudjar.it.cognito;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.MovableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;

import java.net.URI;
import java.time.Duration;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.confirmationCode;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;

/** A sign-up code lasts a day; after that ConfirmSignUp asks for a new one, on a server whose clock the test moves. */
class CodeExpiryFidelityTest {

    @Test
    void signUpCodeAfterADayIsExpiredUntilANewOneIsSent() {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock);
             CognitoIdentityProviderClient idp = cognitoIdp(URI.create(server.endpoint()))) {
            URI endpoint = URI.create(server.endpoint());
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "slow-confirm");
            idp.signUp(r -> r.clientId(pool.clientId()).username("tom").password(PASSWORD)
                    .userAttributes(a -> a.name("email").value("tom@example.com")));
            String code = confirmationCode(endpoint, pool.poolId(), "tom");

            clock.shiftTo(Duration.ofHours(25));

            assertCognitoError(ExpiredCodeException.class, "Invalid code provided, please request a code again.",
                    () -> idp.confirmSignUp(r -> r.clientId(pool.clientId()).username("tom").confirmationCode(code)));
            idp.resendConfirmationCode(r -> r.clientId(pool.clientId()).username("tom"));
            idp.confirmSignUp(r -> r.clientId(pool.clientId()).username("tom")
                    .confirmationCode(confirmationCode(endpoint, pool.poolId(), "tom")));
        }
    }
}
