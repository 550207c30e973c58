package dev.cloudjar.cognito;

import dev.cloudjar.cognito.identity.IdentityOperations;
import dev.cloudjar.cognito.identity.IdentityPoolOperations;
import dev.cloudjar.cognito.identity.IdentityStore;
import dev.cloudjar.cognito.token.PoolTokens;
import dev.cloudjar.cognito.token.SigningKeys;
import dev.cloudjar.cognito.token.WebIdentityTokens;
import dev.cloudjar.cognito.token.WellKnownRoutes;
import dev.cloudjar.cognito.userpool.UserPoolStore;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.core.spi.WebIdentityVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cognito identity pools (cognito-identity, awsJson1_1): pools, identities from user pool logins
 * or unauthenticated, OpenID tokens (JWKS at /cognito-identity/.well-known/jwks.json), and role
 * credentials that every service's SigV4 verification accepts.
 */
public final class CognitoIdentityService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("cognito-identity", "cognito-identity",
            Protocol.AWS_JSON_1_1, "dev/cloudjar/cognito/cognito-identity.json", "AWSCognitoIdentityService",
            List.of(), false);

    private final SigningKeys keys = new SigningKeys();
    private final List<RawRoute> routes = new ArrayList<>();

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        IdentityStore store = new IdentityStore(context.state());
        new IdentityPoolOperations(store).register(operations);
        PoolTokens poolTokens = new PoolTokens(new UserPoolStore(context.state()), keys);
        new IdentityOperations(store, poolTokens, keys, context.credentials().issuer(IdentityStore.SERVICE))
                .register(operations);
        context.capabilities().provide(WebIdentityVerifier.class, new WebIdentityTokens(poolTokens, store, keys));
        routes.addAll(new WellKnownRoutes(IdentityStore.SERVICE, issuer -> Optional.of(store.signingKey()), keys).routes());
    }

    @Override
    public List<RawRoute> rawRoutes() {
        return List.copyOf(routes);
    }

    @Override
    public void reset() {
        keys.clear();
    }
}
