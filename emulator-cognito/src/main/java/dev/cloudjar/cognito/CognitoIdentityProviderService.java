package dev.cloudjar.cognito;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.cognito.auth.AuthOperations;
import dev.cloudjar.cognito.auth.ConfirmationCodeRoute;
import dev.cloudjar.cognito.auth.Passwords;
import dev.cloudjar.cognito.auth.SelfServiceOperations;
import dev.cloudjar.cognito.auth.SignIns;
import dev.cloudjar.cognito.auth.SignUpOperations;
import dev.cloudjar.cognito.client.UserPoolClientOperations;
import dev.cloudjar.cognito.token.PoolTokens;
import dev.cloudjar.cognito.token.SigningKeys;
import dev.cloudjar.cognito.token.TokenIssuer;
import dev.cloudjar.cognito.token.WellKnownRoutes;
import dev.cloudjar.cognito.userpool.GroupOperations;
import dev.cloudjar.cognito.userpool.Ids;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.UserOperations;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.cognito.userpool.UserPoolOperations;
import dev.cloudjar.cognito.userpool.UserPoolStore;
import dev.cloudjar.cognito.userpool.Users;
import dev.cloudjar.core.model.ErrorConventions;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

import java.util.ArrayList;
import java.util.List;

/**
 * Cognito user pools (cognito-idp, awsJson1_1): pools, app clients, users, groups, the sign-up
 * and sign-in flows, and the tokens they issue, with each pool's JWKS and OpenID discovery
 * document served on the same port.
 */
public final class CognitoIdentityProviderService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("cognito-idp", "cognito-idp",
            Protocol.AWS_JSON_1_1, "dev/cloudjar/cognito/cognito-idp.json", "AWSCognitoIdentityProviderService",
            List.of(), false)
            // User pools report input constraint violations as InvalidParameterException.
            .withErrorConventions(new ErrorConventions(null, "InvalidParameterException"));

    private final SigningKeys keys = new SigningKeys();
    private final List<RawRoute> routes = new ArrayList<>();

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<CloudjarConfig.Option> options() {
        return List.of(new CloudjarConfig.Option(Passwords.ITERATIONS_OPTION, String.valueOf(Passwords.DEFAULT_ITERATIONS),
                "PBKDF2 iterations of stored password hashes"));
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        UserPoolStore store = new UserPoolStore(context.state());
        PoolAccess access = new PoolAccess(store);
        Ids ids = new Ids();
        Passwords passwords = new Passwords((int) context.config().longOption(Passwords.ITERATIONS_OPTION,
                Passwords.DEFAULT_ITERATIONS));
        Users users = new Users(access, passwords);
        GroupOperations groups = new GroupOperations(access, users);
        SignIns signIns = new SignIns(access, groups, new TokenIssuer(keys), new PoolTokens(store, keys));

        new UserPoolOperations(access, ids).register(operations);
        new UserPoolClientOperations(access, ids).register(operations);
        new UserOperations(access, users, ids).register(operations);
        groups.register(operations);
        new SignUpOperations(access, users, ids).register(operations);
        new AuthOperations(access, users, signIns).register(operations);
        new SelfServiceOperations(access, users, signIns).register(operations);

        routes.addAll(new WellKnownRoutes("[\\w-]+_[0-9a-zA-Z]+",
                poolId -> store.locatePool(poolId).flatMap(s -> store.pool(s, poolId)).map(UserPool::signingKey),
                keys).routes());
        routes.add(new ConfirmationCodeRoute(store).route());
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
