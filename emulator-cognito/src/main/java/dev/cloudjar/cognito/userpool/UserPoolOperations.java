package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.token.SigningKeys;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool, DeleteUserPool, AddCustomAttributes. */
public final class UserPoolOperations {
    /** Settings UpdateUserPool may change; the others are fixed when the pool is created. */
    private static final Set<String> MUTABLE = Set.of("Policies", "DeletionProtection", "AutoVerifiedAttributes",
            "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject",
            "VerificationMessageTemplate", "SmsAuthenticationMessage", "MfaConfiguration", "UserPoolTags",
            "AdminCreateUserConfig", "AccountRecoverySetting", "UserPoolTier");
    private static final Set<String> IMMUTABLE = Set.of("AliasAttributes", "UsernameAttributes", "UsernameConfiguration");

    private final PoolAccess access;
    private final Ids ids;

    public UserPoolOperations(PoolAccess access, Ids ids) {
        this.access = access;
        this.ids = ids;
    }

    public void register(OperationTable table) {
        table.on("CreateUserPool", this::createUserPool)
                .on("DescribeUserPool", this::describeUserPool)
                .on("ListUserPools", this::listUserPools)
                .on("UpdateUserPool", this::updateUserPool)
                .on("DeleteUserPool", this::deleteUserPool)
                .on("AddCustomAttributes", this::addCustomAttributes);
    }

    Output createUserPool(RequestContext context, Input input) {
        if (input.has("AliasAttributes") && input.has("UsernameAttributes")) {
            throw CognitoErrors.invalidParameter(
                    "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
        }
        Map<String, Object> settings = withDefaults(input, MUTABLE);
        for (String immutable : IMMUTABLE) {
            if (input.has(immutable)) {
                settings.put(immutable, input.get(immutable));
            }
        }
        String id = ids.userPoolId(context.region());
        long now = context.receivedAt().toEpochMilli();
        UserPool pool = new UserPool(id, input.string("PoolName"),
                Arn.of("cognito-idp", context.scope(), "userpool/" + id).toString(),
                now, now, settings, Schema.create(input.list("Schema")), SigningKeys.generate());
        access.store().createPool(context.scope(), pool);
        return Output.of("UserPool", userPoolType(context, pool));
    }

    Output describeUserPool(RequestContext context, Input input) {
        return Output.of("UserPool", userPoolType(context, access.pool(context.scope(), input.string("UserPoolId"))));
    }

    Output listUserPools(RequestContext context, Input input) {
        UserPoolStore.Page<UserPool> page = access.store().listPools(context.scope(), input.string("NextToken"),
                input.integer("MaxResults"));
        List<Map<String, Object>> pools = new ArrayList<>();
        for (UserPool pool : page.items()) {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("Id", pool.id());
            description.put("Name", pool.name());
            description.put("LastModifiedDate", Instant.ofEpochMilli(pool.lastModifiedDate()));
            description.put("CreationDate", Instant.ofEpochMilli(pool.creationDate()));
            pools.add(description);
        }
        return Output.of("UserPools", pools).put("NextToken", page.next());
    }

    /** As in Cognito, settings left out of UpdateUserPool return to their defaults. */
    Output updateUserPool(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        Map<String, Object> settings = withDefaults(input, MUTABLE);
        for (String immutable : IMMUTABLE) {
            if (pool.settings().containsKey(immutable)) {
                settings.put(immutable, pool.settings().get(immutable));
            }
        }
        access.store().savePool(context.scope(), pool.withSettings(settings, context.receivedAt().toEpochMilli()));
        return Output.empty();
    }

    Output deleteUserPool(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        if ("ACTIVE".equals(pool.settings().get("DeletionProtection"))) {
            throw CognitoErrors.invalidParameter("The user pool cannot be deleted because deletion protection is "
                    + "activated. Deletion protection must be inactivated first.");
        }
        access.store().deletePool(context.scope(), pool.id());
        return Output.empty();
    }

    Output addCustomAttributes(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        access.store().savePool(context.scope(), pool.withSchema(
                Schema.add(pool.schema(), input.list("CustomAttributes"), false), context.receivedAt().toEpochMilli()));
        return Output.empty();
    }

    private Map<String, Object> userPoolType(RequestContext context, UserPool pool) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", pool.id());
        out.put("Name", pool.name());
        out.putAll(pool.settings());
        out.put("LastModifiedDate", Instant.ofEpochMilli(pool.lastModifiedDate()));
        out.put("CreationDate", Instant.ofEpochMilli(pool.creationDate()));
        out.put("SchemaAttributes", pool.schema());
        out.put("EstimatedNumberOfUsers", (int) access.store().countUsers(context.scope(), pool.id()));
        out.put("Arn", pool.arn());
        return out;
    }

    /** The given settings over Cognito's defaults for a new pool. */
    private static Map<String, Object> withDefaults(Input input, Set<String> members) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> passwordPolicy = new LinkedHashMap<>(Map.of("MinimumLength", 8, "RequireUppercase", true,
                "RequireLowercase", true, "RequireNumbers", true, "RequireSymbols", true,
                "TemporaryPasswordValidityDays", 7));
        settings.put("Policies", Map.of("PasswordPolicy", passwordPolicy));
        settings.put("DeletionProtection", "INACTIVE");
        settings.put("MfaConfiguration", "OFF");
        settings.put("AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false, "UnusedAccountValidityDays", 7));
        settings.put("UserPoolTier", "ESSENTIALS");
        for (String member : members) {
            if (input.has(member)) {
                settings.put(member, input.get(member));
            }
        }
        return settings;
    }
}
