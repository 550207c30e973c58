package dev.cloudjar.cognito.client;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.userpool.Ids;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.cognito.userpool.UserPoolStore;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Create/Describe/List/Update/DeleteUserPoolClient. */
public final class UserPoolClientOperations {
    private static final List<String> SETTINGS = List.of("RefreshTokenValidity", "AccessTokenValidity",
            "IdTokenValidity", "TokenValidityUnits", "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows",
            "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "AllowedOAuthFlows",
            "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "PreventUserExistenceErrors",
            "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity",
            "RefreshTokenRotation");

    private final PoolAccess access;
    private final Ids ids;

    public UserPoolClientOperations(PoolAccess access, Ids ids) {
        this.access = access;
        this.ids = ids;
    }

    public void register(OperationTable table) {
        table.on("CreateUserPoolClient", this::createUserPoolClient)
                .on("DescribeUserPoolClient", this::describeUserPoolClient)
                .on("ListUserPoolClients", this::listUserPoolClients)
                .on("UpdateUserPoolClient", this::updateUserPoolClient)
                .on("DeleteUserPoolClient", this::deleteUserPoolClient);
    }

    Output createUserPoolClient(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        long now = context.receivedAt().toEpochMilli();
        UserPoolClient client = new UserPoolClient(ids.clientId(), pool.id(), input.string("ClientName"),
                Boolean.TRUE.equals(input.bool("GenerateSecret")) ? ids.clientSecret() : null, now, now,
                settings(input));
        checkValidities(client);
        access.store().saveClient(context.scope(), client);
        return Output.of("UserPoolClient", userPoolClientType(client));
    }

    Output describeUserPoolClient(RequestContext context, Input input) {
        return Output.of("UserPoolClient", userPoolClientType(
                access.client(context.scope(), input.string("UserPoolId"), input.string("ClientId")).client()));
    }

    Output listUserPoolClients(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        Integer max = input.integer("MaxResults");
        UserPoolStore.Page<UserPoolClient> page = access.store().listClients(context.scope(), pool.id(),
                input.string("NextToken"), max == null ? 60 : max);
        List<Map<String, Object>> clients = new ArrayList<>();
        for (UserPoolClient client : page.items()) {
            clients.add(Map.of("ClientId", client.clientId(), "UserPoolId", client.userPoolId(),
                    "ClientName", client.clientName()));
        }
        return Output.of("UserPoolClients", clients).put("NextToken", page.next());
    }

    /** As in Cognito, settings left out of UpdateUserPoolClient return to their defaults. */
    Output updateUserPoolClient(RequestContext context, Input input) {
        UserPoolClient client = access.client(context.scope(), input.string("UserPoolId"), input.string("ClientId")).client();
        String name = input.has("ClientName") ? input.string("ClientName") : client.clientName();
        UserPoolClient updated = client.withSettings(name, settings(input), context.receivedAt().toEpochMilli());
        checkValidities(updated);
        access.store().saveClient(context.scope(), updated);
        return Output.of("UserPoolClient", userPoolClientType(updated));
    }

    Output deleteUserPoolClient(RequestContext context, Input input) {
        UserPoolClient client = access.client(context.scope(), input.string("UserPoolId"), input.string("ClientId")).client();
        access.store().deleteClient(context.scope(), client.userPoolId(), client.clientId());
        return Output.empty();
    }

    private static Map<String, Object> settings(Input input) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("RefreshTokenValidity", 30);
        settings.put("AllowedOAuthFlowsUserPoolClient", false);
        settings.put("PreventUserExistenceErrors", "LEGACY");
        settings.put("EnableTokenRevocation", true);
        settings.put("EnablePropagateAdditionalUserContextData", false);
        settings.put("AuthSessionValidity", 3);
        for (String member : SETTINGS) {
            if (input.has(member)) {
                settings.put(member, input.get(member));
            }
        }
        return settings;
    }

    /** Cognito's bounds: access and ID tokens 5 minutes to 1 day, refresh tokens 1 hour to 10 years. */
    private static void checkValidities(UserPoolClient client) {
        check(client.accessTokenValidity(), Duration.ofMinutes(5), Duration.ofDays(1), "AccessToken");
        check(client.idTokenValidity(), Duration.ofMinutes(5), Duration.ofDays(1), "IdToken");
        check(client.refreshTokenValidity(), Duration.ofHours(1), Duration.ofDays(3650), "RefreshToken");
    }

    private static void check(Duration validity, Duration min, Duration max, String token) {
        if (validity.compareTo(min) < 0 || validity.compareTo(max) > 0) {
            throw CognitoErrors.invalidParameter("Invalid range for token validity: " + token + " must be between "
                    + min.toMinutes() + " minutes and " + max.toDays() + " days.");
        }
    }

    private static Map<String, Object> userPoolClientType(UserPoolClient client) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("UserPoolId", client.userPoolId());
        out.put("ClientName", client.clientName());
        out.put("ClientId", client.clientId());
        if (client.clientSecret() != null) {
            out.put("ClientSecret", client.clientSecret());
        }
        out.put("LastModifiedDate", Instant.ofEpochMilli(client.lastModifiedDate()));
        out.put("CreationDate", Instant.ofEpochMilli(client.creationDate()));
        out.putAll(client.settings());
        out.put("ExplicitAuthFlows", client.explicitAuthFlows());
        return out;
    }
}
