package dev.cloudjar.it.cognito;

import com.nimbusds.jwt.SignedJWT;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;
import java.text.ParseException;

import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;

/** A signed-in user pool user, for tests of other services that take Cognito tokens (STS). */
public final class CognitoLogin {
    public record Tokens(String idToken, String sub, String clientId) {
    }

    private CognitoLogin() {
    }

    public static Tokens signedInUser(URI endpoint, String poolName, String username) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, poolName);
            CognitoFixtures.signUpAndConfirm(endpoint, idp, pool, username, username + "@example.com");
            String idToken = CognitoFixtures.login(idp, pool, username, CognitoFixtures.PASSWORD).idToken();
            return new Tokens(idToken, SignedJWT.parse(idToken).getJWTClaimsSet().getSubject(), pool.clientId());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
