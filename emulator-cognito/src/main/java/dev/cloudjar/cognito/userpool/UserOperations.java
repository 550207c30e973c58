package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The administrator's user operations: AdminCreateUser, AdminGetUser, AdminDeleteUser,
 * AdminSetUserPassword, Admin(Update|Delete)UserAttributes, AdminDisableUser/AdminEnableUser,
 * AdminConfirmSignUp, AdminUserGlobalSignOut and ListUsers.
 */
public final class UserOperations {
    private final PoolAccess access;
    private final Users users;
    private final Ids ids;

    public UserOperations(PoolAccess access, Users users, Ids ids) {
        this.access = access;
        this.users = users;
        this.ids = ids;
    }

    public void register(OperationTable table) {
        table.on("AdminCreateUser", this::adminCreateUser)
                .on("AdminGetUser", this::adminGetUser)
                .on("AdminDeleteUser", this::adminDeleteUser)
                .on("AdminSetUserPassword", this::adminSetUserPassword)
                .on("AdminUpdateUserAttributes", this::adminUpdateUserAttributes)
                .on("AdminDeleteUserAttributes", this::adminDeleteUserAttributes)
                .on("AdminDisableUser", (c, i) -> setEnabled(c, i, false))
                .on("AdminEnableUser", (c, i) -> setEnabled(c, i, true))
                .on("AdminConfirmSignUp", this::adminConfirmSignUp)
                .on("AdminUserGlobalSignOut", this::adminUserGlobalSignOut)
                .on("ListUsers", this::listUsers);
    }

    /**
     * Creates a confirmed-to-be user with a temporary password (given, or generated as Cognito
     * would e-mail it): the first sign-in answers NEW_PASSWORD_REQUIRED.
     */
    Output adminCreateUser(RequestContext context, Input input) {
        Scope scope = context.scope();
        UserPool pool = access.pool(scope, input.string("UserPoolId"));
        long now = context.receivedAt().toEpochMilli();
        if ("RESEND".equals(input.string("MessageAction"))) {
            User existing = access.store().userBySignInName(scope, pool, input.string("Username"))
                    .orElseThrow(CognitoErrors::userNotFound);
            if (!User.FORCE_CHANGE_PASSWORD.equals(existing.status())) {
                throw CognitoErrors.unsupportedUserState(existing.status());
            }
            return Output.of("User", PoolAccess.userType(existing, null));
        }
        User user = users.newUser(pool, input.string("Username"), input.list("UserAttributes"),
                User.FORCE_CHANGE_PASSWORD, now);
        String password = input.has("TemporaryPassword") ? input.string("TemporaryPassword")
                : ids.temporaryPassword(pool.passwordPolicy().minimumLength());
        user = users.withTemporaryPassword(pool, user, password, now);
        users.create(scope, pool, user, "User account already exists", Boolean.TRUE.equals(input.bool("ForceAliasCreation")));
        return Output.of("User", PoolAccess.userType(user, null));
    }

    Output adminGetUser(RequestContext context, Input input) {
        User user = user(context, input);
        return Output.of("Username", user.username())
                .put("UserAttributes", PoolAccess.attributeList(user.attributes(), null))
                .put("UserCreateDate", Instant.ofEpochMilli(user.creationDate()))
                .put("UserLastModifiedDate", Instant.ofEpochMilli(user.lastModifiedDate()))
                .put("Enabled", user.enabled())
                .put("UserStatus", user.status());
    }

    Output adminDeleteUser(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        User user = signInUser(context.scope(), pool, input.string("Username"));
        access.store().deleteUser(context.scope(), pool, user);
        return Output.empty();
    }

    /** A permanent password confirms the user; a temporary one makes the next sign-in change it. */
    Output adminSetUserPassword(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        String username = signInUser(context.scope(), pool, input.string("Username")).username();
        long now = context.receivedAt().toEpochMilli();
        String password = input.string("Password");
        users.update(context.scope(), pool, username, user -> Boolean.TRUE.equals(input.bool("Permanent"))
                ? user.withPassword(users.permanentPassword(pool, user, password), User.CONFIRMED, 0, now)
                : users.withTemporaryPassword(pool, user, password, now));
        return Output.empty();
    }

    Output adminUpdateUserAttributes(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        String username = signInUser(context.scope(), pool, input.string("Username")).username();
        users.update(context.scope(), pool, username,
                user -> updateAttributes(pool, user, input.list("UserAttributes"), context.receivedAt().toEpochMilli()));
        return Output.empty();
    }

    /**
     * Changes attributes; a changed e-mail or phone number is no longer verified unless the
     * caller sets its *_verified flag in the same call, as in Cognito.
     */
    public static User updateAttributes(UserPool pool, User user, List<Object> attributes, long now) {
        Map<String, String> updated = Schema.apply(pool, user.attributes(), attributes, false);
        for (String attribute : List.of("email", "phone_number")) {
            String before = user.attribute(attribute);
            String after = updated.get(attribute);
            boolean flagGiven = attributes.stream()
                    .anyMatch(a -> (attribute + "_verified").equals(((Map<?, ?>) a).get("Name")));
            if (after != null && !after.equals(before) && !flagGiven) {
                updated.put(attribute + "_verified", "false");
            }
        }
        return user.withAttributes(updated, now);
    }

    Output adminDeleteUserAttributes(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        String username = signInUser(context.scope(), pool, input.string("Username")).username();
        users.update(context.scope(), pool, username,
                user -> deleteAttributes(user, input.list("UserAttributeNames"), context.receivedAt().toEpochMilli()));
        return Output.empty();
    }

    public static User deleteAttributes(User user, List<Object> names, long now) {
        Map<String, String> updated = new LinkedHashMap<>(user.attributes());
        for (Object name : names) {
            if (name.equals("sub")) {
                throw CognitoErrors.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            updated.remove(name.toString());
        }
        return user.withAttributes(updated, now);
    }

    private Output setEnabled(RequestContext context, Input input, boolean enabled) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        String username = signInUser(context.scope(), pool, input.string("Username")).username();
        users.update(context.scope(), pool, username, user -> user.withEnabled(enabled, context.receivedAt().toEpochMilli()));
        return Output.empty();
    }

    Output adminConfirmSignUp(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        String username = signInUser(context.scope(), pool, input.string("Username")).username();
        long now = context.receivedAt().toEpochMilli();
        users.update(context.scope(), pool, username, user -> {
            if (!User.UNCONFIRMED.equals(user.status())) {
                throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status());
            }
            return user.withStatus(User.CONFIRMED, now).withCode(null, now);
        });
        return Output.empty();
    }

    Output adminUserGlobalSignOut(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        User user = signInUser(context.scope(), pool, input.string("Username"));
        access.store().deleteSessions(context.scope(), pool.id(), user.username());
        return Output.empty();
    }

    Output listUsers(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        Integer limit = input.integer("Limit");
        UserPoolStore.Page<User> page = access.store().listUsers(context.scope(), pool.id(),
                input.string("PaginationToken"), limit == null || limit == 0 ? 60 : limit,
                UserFilter.parse(input.string("Filter")));
        List<Map<String, Object>> out = new ArrayList<>();
        for (User user : page.items()) {
            out.add(PoolAccess.userType(user, input.list("AttributesToGet")));
        }
        return Output.of("Users", out).put("PaginationToken", page.next());
    }

    private User user(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        return signInUser(context.scope(), pool, input.string("Username"));
    }

    /** Admin operations accept the username or, in pools that sign in with them, an alias. */
    private User signInUser(Scope scope, UserPool pool, String name) {
        return access.store().userBySignInName(scope, pool, name).orElseThrow(CognitoErrors::userNotFound);
    }
}
