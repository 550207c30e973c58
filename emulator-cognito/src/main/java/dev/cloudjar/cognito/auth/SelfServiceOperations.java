package dev.cloudjar.cognito.auth;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.userpool.AuthSession;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserOperations;
import dev.cloudjar.cognito.userpool.Users;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.util.Optional;

/**
 * What a signed-in user does with an access token: GetUser, ChangePassword,
 * UpdateUserAttributes, DeleteUserAttributes, DeleteUser, GlobalSignOut; and RevokeToken, which
 * ends the sign-in a refresh token belongs to.
 */
public final class SelfServiceOperations {
    private final PoolAccess access;
    private final Users users;
    private final SignIns signIns;

    public SelfServiceOperations(PoolAccess access, Users users, SignIns signIns) {
        this.access = access;
        this.users = users;
        this.signIns = signIns;
    }

    public void register(OperationTable table) {
        table.on("GetUser", this::getUser)
                .on("ChangePassword", this::changePassword)
                .on("UpdateUserAttributes", this::updateUserAttributes)
                .on("DeleteUserAttributes", this::deleteUserAttributes)
                .on("DeleteUser", this::deleteUser)
                .on("GlobalSignOut", this::globalSignOut)
                .on("RevokeToken", this::revokeToken);
    }

    Output getUser(RequestContext context, Input input) {
        User user = caller(context, input).user();
        return Output.of("Username", user.username())
                .put("UserAttributes", PoolAccess.attributeList(user.attributes(), null));
    }

    Output changePassword(RequestContext context, Input input) {
        SignIns.Caller caller = caller(context, input);
        long now = context.receivedAt().toEpochMilli();
        users.update(caller.scope(), caller.pool(), caller.user().username(), user -> {
            if (!users.passwords().matches(user.password(), input.string("PreviousPassword"))) {
                throw CognitoErrors.incorrectCredentials();
            }
            return user.withPassword(users.permanentPassword(caller.pool(), user, input.string("ProposedPassword")),
                    user.status(), 0, now);
        });
        return Output.empty();
    }

    Output updateUserAttributes(RequestContext context, Input input) {
        SignIns.Caller caller = caller(context, input);
        long now = context.receivedAt().toEpochMilli();
        users.update(caller.scope(), caller.pool(), caller.user().username(),
                user -> UserOperations.updateAttributes(caller.pool(), user, input.list("UserAttributes"), now));
        return Output.empty();
    }

    Output deleteUserAttributes(RequestContext context, Input input) {
        SignIns.Caller caller = caller(context, input);
        long now = context.receivedAt().toEpochMilli();
        users.update(caller.scope(), caller.pool(), caller.user().username(),
                user -> UserOperations.deleteAttributes(user, input.list("UserAttributeNames"), now));
        return Output.empty();
    }

    Output deleteUser(RequestContext context, Input input) {
        SignIns.Caller caller = caller(context, input);
        access.store().deleteUser(caller.scope(), caller.pool(), caller.user());
        return Output.empty();
    }

    Output globalSignOut(RequestContext context, Input input) {
        SignIns.Caller caller = caller(context, input);
        access.store().deleteSessions(caller.scope(), caller.pool().id(), caller.user().username());
        return Output.empty();
    }

    /**
     * Revokes a refresh token and with it the access tokens of its sign-in. An access or ID token
     * is refused as Cognito refuses it; an unknown refresh token is already as good as revoked.
     */
    Output revokeToken(RequestContext context, Input input) {
        PoolAccess.ClientRef ref = access.client(input.string("ClientId"));
        String secret = ref.client().clientSecret();
        if (secret != null && !secret.equals(input.string("ClientSecret"))) {
            throw CognitoErrors.unauthorized("Invalid client secret");
        }
        String token = input.string("Token");
        if (token.chars().filter(c -> c == '.').count() == 2) {
            throw CognitoErrors.unsupportedTokenType();
        }
        Optional<AuthSession> session = access.store().sessionOfRefreshToken(ref.scope(), token);
        if (session.isPresent()) {
            if (!session.get().clientId().equals(ref.client().clientId())) {
                throw CognitoErrors.invalidParameter("Token was not issued to this client");
            }
            access.store().deleteSession(ref.scope(), ref.pool().id(), session.get());
        }
        return Output.empty();
    }

    private SignIns.Caller caller(RequestContext context, Input input) {
        return signIns.caller(input.string("AccessToken"), context.receivedAt());
    }
}
