package dev.cloudjar.it.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A pool with an app client, and the steps most Cognito tests start from. */
final class CognitoFixtures {
    static final String PASSWORD = "Correct-Horse-9";

    private CognitoFixtures() {
    }

    record Pool(String poolId, String clientId) {
    }

    /** A pool that verifies e-mail automatically, and a client allowing every flow. */
    static Pool pool(CognitoIdentityProviderClient idp, String name) {
        String poolId = idp.createUserPool(r -> r.poolName(name)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        UserPoolClientType client = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                        ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        return new Pool(poolId, client.clientId());
    }

    /** Signs a user up and confirms it with the code read from the emulator's admin endpoint. */
    static void signUpAndConfirm(URI endpoint, CognitoIdentityProviderClient idp, Pool pool, String username, String email) {
        idp.signUp(r -> r.clientId(pool.clientId()).username(username).password(PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
        idp.confirmSignUp(r -> r.clientId(pool.clientId()).username(username)
                .confirmationCode(confirmationCode(endpoint, pool.poolId(), username)));
    }

    static AuthenticationResultType login(CognitoIdentityProviderClient idp, Pool pool, String username, String password) {
        return idp.initiateAuth(r -> r.clientId(pool.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
    }

    static String confirmationCode(URI endpoint, String poolId, String username) {
        JsonNode body = getJson(endpoint.resolve("/_cloudjar/cognito/confirmation-codes/" + poolId + "/"
                + URLEncoder.encode(username, StandardCharsets.UTF_8)));
        return body.get("ConfirmationCode").asText();
    }

    static JsonNode getJson(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
